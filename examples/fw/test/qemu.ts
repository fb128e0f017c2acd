// Running firmware in QEMU's lm3s6965evb with semihosting, so it can write files and set the exit status.
import { run, type RunResult } from '../../../tools/testing/exec';

/** Boots `elf` with `cwd` as the directory its semihosting file names are relative to. */
export function runFirmware(elf: string, cwd: string, timeoutMs = 30_000): RunResult {
  const args = ['-M', 'lm3s6965evb', '-nographic', '-semihosting-config', 'enable=on,target=native', '-kernel', elf];
  const result = run('qemu-system-arm', args, { cwd, timeoutMs });
  if (result.signal) {
    throw new Error(`qemu-system-arm ${args.join(' ')} was stopped by ${result.signal} (timeout ${timeoutMs} ms?)\n${result.stderr}`);
  }
  return result;
}
