// `npm run bench:board`: what board-faithful QEMU runs cost against loading the ELF, and the adopted example's flash
// and RAM in its plain, coverage and PGO builds. Prints figures; asserts nothing about time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { findMachine, type Machine } from '../../packages/minicov/src/board/machines';
import {
  addCaptureCall,
  adoptExample,
  EXAMPLE,
  EXAMPLE_DIR,
  plainBuild,
  printedCaptureFunction,
} from '../testing/adopted-example';
import { mustRunOnBoard } from '../testing/board-qemu';
import { mustRun } from '../testing/exec';
import { flashAndRam } from '../testing/firmware-elf';
import { runNx } from '../testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../testing/workspace-copy';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const lm3s = findMachine('lm3s6965evb') as Machine;
const QEMU = ['-M', 'lm3s6965evb', '-nographic', '-semihosting-config', 'enable=on,target=native'];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Milliseconds `work` takes. */
function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

it('board-faithful runs against ELF-loaded runs, and the adopted example in flash and RAM', async () => {
  const root = copyWorkspace('bench-board', { sharedCargoTarget: true });
  try {
    const built = runNx(['run', 'fw:coverage-build'], { cwd: root });
    if (built.code !== 0) throw new Error(built.output);
    const elf = join(root, 'dist/minicov/examples/fw/coverage/build/fw');
    const elfLoaded: number[] = [];
    const boardLoaded: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const cwd = mkdtempSync(join(tmpdir(), 'bench-board-'));
      elfLoaded.push(timed(() => mustRun('qemu-system-arm', [...QEMU, '-kernel', elf], { cwd })));
      boardLoaded.push(timed(() => mustRunOnBoard(elf, cwd)));
      rmSync(cwd, { recursive: true, force: true });
    }
    const runStep: number[] = [];
    for (let round = 0; round < Math.min(ROUNDS, 5); round += 1) {
      runStep.push(
        timed(() => {
          const result = runNx(['run', 'fw:coverage-run', '--skip-nx-cache'], { cwd: root });
          if (result.code !== 0) throw new Error(result.output);
        }),
      );
    }
    console.log(
      `fw coverage run, median of ${ROUNDS}: QEMU loading the ELF ${ms(median(elfLoaded))}; ` +
        `board-faithful (flash image and RAM fill written, QEMU loading them) ${ms(median(boardLoaded))}; ` +
        `difference ${ms(median(boardLoaded) - median(elfLoaded))}`,
    );
    console.log(
      `nx run fw:coverage-run --skip-nx-cache (board-faithful), median of ${runStep.length}: ${ms(median(runStep))}`,
    );

    const output = adoptExample(root);
    addCaptureCall(root, printedCaptureFunction(output));
    for (const target of ['coverage-build', 'pgo']) {
      const result = runNx(['run', `${EXAMPLE}:${target}`], { cwd: root });
      if (result.code !== 0) throw new Error(result.output);
    }
    const plain = await plainBuild(root);
    const builds: [string, string][] = [
      ['plain release (cargo build)', plain],
      [
        'coverage (coverage-build)',
        join(root, 'dist/minicov', EXAMPLE_DIR, 'coverage/build', EXAMPLE),
      ],
      ['PGO training (pgo-build)', join(root, 'dist/minicov', EXAMPLE_DIR, 'pgo/build', EXAMPLE)],
      ['PGO optimized (pgo)', join(root, 'dist/minicov', EXAMPLE_DIR, 'pgo/optimized', EXAMPLE)],
    ];
    console.log(
      `${EXAMPLE} on lm3s6965evb (flash: bytes a programmer writes; RAM: static sections):`,
    );
    for (const [label, file] of builds) {
      const { flash, ram } = flashAndRam(file, lm3s);
      console.log(
        `  ${label.padEnd(30)} flash ${String(flash).padStart(6)} B   RAM ${String(ram).padStart(5)} B`,
      );
    }
  } finally {
    removeWorkspaceCopy(root);
  }
});
