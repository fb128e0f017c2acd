// Running firmware in QEMU's lm3s6965evb with semihosting, loaded as a flashed board is,
// so it can write files and set the exit status.
import { runOnBoard } from '../../../tools/testing/board-qemu';
import type { RunResult } from '../../../tools/testing/exec';

/** Boots `elf` with `cwd` as the directory its semihosting file names are relative to. */
export function runFirmware(elf: string, cwd: string, timeoutMs = 30_000): RunResult {
  return runOnBoard(elf, cwd, { timeoutMs });
}
