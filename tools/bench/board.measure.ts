// `npm run bench:board`: what board-faithful QEMU runs cost against loading the ELF, and the adopted example's flash and RAM
// in its plain, coverage and PGO builds. Prints figures; asserts nothing about time.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { boardImages, qemuLoaderArgs } from '../../packages/minicov/src/board/board-images';
import { findMachine, type Machine } from '../../packages/minicov/src/board/machines';
import { offlineSourceArgs } from '../../packages/minicov/src/cargo/offline-sources';
import { ElfFile } from '../../packages/minicov/src/profile/elf-file';
import { addCaptureCall, adoptExample, EXAMPLE, EXAMPLE_DIR, plainBuild, printedCaptureFunction } from '../testing/adopted-example';
import { mustRun } from '../testing/exec';
import { flashAndRam } from '../testing/firmware-elf';
import { runNx } from '../testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../testing/workspace-copy';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const lm3s = findMachine('lm3s6965evb') as Machine;
const QEMU = ['-M', 'lm3s6965evb', '-nographic', '-semihosting-config', 'enable=on,target=native'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Milliseconds `work` takes. */
function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One board-faithful run as the run step makes it: images written, then QEMU loads them. */
function boardRun(elf: string, cwd: string): void {
  const loads = boardImages(new ElfFile(elf, readFileSync(elf)), lm3s).map((image) => {
    const file = join(cwd, image.name);
    writeFileSync(file, image.bytes);
    return { file, address: image.address };
  });
  mustRun('qemu-system-arm', [...QEMU, ...qemuLoaderArgs(loads)], { cwd });
}

/** The example built by hand with cargo (the PGO optimized build's directory, whose core it reuses). */
async function plainExampleBuild(root: string, crate: string): Promise<string> {
  const targetDir = join(root, 'target', 'minicov', EXAMPLE, 'pgo-use');
  const sysroot = mustRun('rustc', ['--print', 'sysroot'], { cwd: crate }).stdout.toString('utf8').trim();
  const config = await offlineSourceArgs({ sysroot, cwd: crate, cargoWorkspaceRoot: crate, mergedDirectory: join(targetDir, 'offline-sources') });
  return plainBuild(root, targetDir, config);
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
      boardLoaded.push(timed(() => boardRun(elf, cwd)));
      rmSync(cwd, { recursive: true, force: true });
    }
    const runStep: number[] = [];
    for (let round = 0; round < Math.min(ROUNDS, 5); round += 1) {
      runStep.push(timed(() => {
        const result = runNx(['run', 'fw:coverage-run', '--skip-nx-cache'], { cwd: root });
        if (result.code !== 0) throw new Error(result.output);
      }));
    }
    console.log(`fw coverage run, median of ${ROUNDS}: QEMU loading the ELF ${ms(median(elfLoaded))}; ` +
      `board-faithful (flash image and RAM fill written, QEMU loading them) ${ms(median(boardLoaded))}; ` +
      `difference ${ms(median(boardLoaded) - median(elfLoaded))}`);
    console.log(`nx run fw:coverage-run --skip-nx-cache (board-faithful), median of ${runStep.length}: ${ms(median(runStep))}`);

    const output = adoptExample(root);
    addCaptureCall(root, printedCaptureFunction(output));
    for (const target of ['coverage-build', 'pgo']) {
      const result = runNx(['run', `${EXAMPLE}:${target}`], { cwd: root });
      if (result.code !== 0) throw new Error(result.output);
    }
    const crate = join(root, EXAMPLE_DIR);
    const plain = await plainExampleBuild(root, crate);
    const builds: [string, string][] = [
      ['plain release (cargo build)', plain],
      ['coverage (coverage-build)', join(root, 'dist/minicov', EXAMPLE_DIR, 'coverage/build', EXAMPLE)],
      ['PGO training (pgo-build)', join(root, 'dist/minicov', EXAMPLE_DIR, 'pgo/build', EXAMPLE)],
      ['PGO optimized (pgo)', join(root, 'dist/minicov', EXAMPLE_DIR, 'pgo/optimized', EXAMPLE)],
    ];
    console.log(`${EXAMPLE} on lm3s6965evb (flash: bytes a programmer writes; RAM: static sections):`);
    for (const [label, file] of builds) {
      const { flash, ram } = flashAndRam(file, lm3s);
      console.log(`  ${label.padEnd(30)} flash ${String(flash).padStart(6)} B   RAM ${String(ram).padStart(5)} B`);
    }
  } finally {
    removeWorkspaceCopy(root);
  }
});
