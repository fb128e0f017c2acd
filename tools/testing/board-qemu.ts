// Firmware runs in tests as on a flashed board: QEMU gets the flash image a programmer writes and RAM that is not zero.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardImages, qemuLoaderArgs } from '../../packages/minicov/src/board/board-images';
import { findMachine } from '../../packages/minicov/src/board/machines';
import { ElfFile } from '../../packages/minicov/src/profile/elf-file';
import { run, type RunResult } from './exec';

/** Runs `elf` on QEMU `machine` with semihosting in `cwd` (where its files land), loaded board-faithfully. */
export function runOnBoard(
  elf: string,
  cwd: string,
  options: { machine?: string; timeoutMs?: number; extraArgs?: string[] } = {},
): RunResult {
  const machineName = options.machine ?? 'lm3s6965evb';
  const machine = findMachine(machineName);
  if (!machine) throw new Error(`no memory map for QEMU machine ${machineName}`);
  const images = mkdtempSync(join(tmpdir(), 'board-images-'));
  try {
    const loads = boardImages(new ElfFile(elf, readFileSync(elf)), machine).map((image) => {
      const file = join(images, image.name);
      writeFileSync(file, image.bytes);
      return { file, address: image.address };
    });
    const args = [
      '-M',
      machineName,
      '-nographic',
      '-semihosting-config',
      'enable=on,target=native',
      ...(options.extraArgs ?? []),
      ...qemuLoaderArgs(loads),
    ];
    const result = run('qemu-system-arm', args, { cwd, timeoutMs: options.timeoutMs ?? 60_000 });
    if (result.signal)
      throw new Error(
        `qemu-system-arm ${args.join(' ')} was stopped by ${result.signal}\n${result.stderr}`,
      );
    return result;
  } finally {
    rmSync(images, { recursive: true, force: true });
  }
}

/** As runOnBoard, and throws unless QEMU exits 0. */
export function mustRunOnBoard(
  elf: string,
  cwd: string,
  options: { machine?: string; timeoutMs?: number } = {},
): RunResult {
  const result = runOnBoard(elf, cwd, options);
  if (result.code !== 0)
    throw new Error(
      `${elf} on QEMU exited with ${result.code}\n${result.stdout.toString('utf8')}${result.stderr}`,
    );
  return result;
}
