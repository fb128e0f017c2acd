// Instructions a firmware executes in QEMU: one instruction per translation block, one trace line per execution.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Runs `elf` on `machine` single-stepped with exec tracing and counts the instructions it executed. */
export function firmwareInstructions(elf, machine = 'lm3s6965evb') {
  const dir = mkdtempSync(join(tmpdir(), 'bench-qemu-'));
  const log = join(dir, 'exec.log');
  const args = [
    '-M',
    machine,
    '-nographic',
    '-semihosting-config',
    'enable=on,target=native',
    '-singlestep',
    '-d',
    'exec,nochain',
    '-D',
    log,
    '-kernel',
    elf,
  ];
  const result = spawnSync('qemu-system-arm', args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0)
    throw new Error(
      `qemu-system-arm ${args.join(' ')} exited with ${result.status}\n${result.stderr}`,
    );
  const text = readFileSync(log, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  let count = 0;
  for (let at = text.indexOf('Trace '); at >= 0; at = text.indexOf('Trace ', at + 6)) count += 1;
  return count;
}
