// An existing cortex-m-rt-style firmware (examples/rt-quickstart, with its own .cargo/config.toml and a vendored
// registry crate) adopted with `nx g minicov:setup --project` and the capture call setup prints:
// coverage and PGO through nx on board-faithful QEMU runs, plain and optimized builds without the runtime,
// and layouts only an emulator runs caught.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { findMarks } from '../../../examples/fw/test/marks';
import { expectedMarkCounts } from '../../../examples/rt-quickstart/test/model';
import { findMachine, type Machine } from '../../minicov/src/board/machines';
import {
  adoptExample,
  addCaptureCall,
  EXAMPLE,
  EXAMPLE_DIR,
  plainBuild,
  printedCaptureFunction,
} from '../../../tools/testing/adopted-example';
import { runOnBoard } from '../../../tools/testing/board-qemu';
import { mustRun } from '../../../tools/testing/exec';
import { flashAndRam, runtimeTraces } from '../../../tools/testing/firmware-elf';
import { lineCounts } from '../../../tools/testing/lcov';
import { runNx } from '../../../tools/testing/nx';
import { expectAllMatchedButCapture } from '../../../tools/testing/pgo-figures';
import { copyWorkspace, git, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const lm3s = findMachine('lm3s6965evb') as Machine;
let root: string;
let crate: string;
let setupOutput: string;

const nx = (args: string[]) => runNx(args, { cwd: root });
const manifest = () => readFileSync(join(crate, 'Cargo.toml'), 'utf8');
const coverageElf = () => join(root, 'dist/minicov', EXAMPLE_DIR, 'coverage/build', EXAMPLE);

/** Runs `elf` board-faithfully in a new directory; returns its exit status and the files it wrote. */
function boardRun(elf: string): { code: number | null; files: string[]; output: string } {
  const directory = mkdtempSync(join(tmpdir(), 'rtq-run-'));
  const result = runOnBoard(elf, directory);
  return {
    code: result.code,
    files: readdirSync(directory),
    output: result.stdout.toString('utf8') + result.stderr,
  };
}

beforeAll(() => {
  // Its own cargo build directory: no other spec builds rt-quickstart, so sharing one would save nothing.
  root = copyWorkspace('adopt', { pluginTarball: packedPlugin() });
  crate = join(root, EXAMPLE_DIR);
});

afterAll(() => removeWorkspaceCopy(root));

describe('nx g minicov:setup --project on a cortex-m-rt-style firmware', () => {
  it("writes the crate's minicov settings from its own .cargo/config.toml, and touches nothing else", () => {
    const config = readFileSync(join(crate, '.cargo', 'config.toml'), 'utf8');
    setupOutput = adoptExample(root);
    const settings = (parseToml(manifest()) as { package: { metadata: { minicov: unknown } } })
      .package.metadata.minicov;
    expect(settings).toEqual({
      target: 'thumbv7m-none-eabi',
      runner: 'qemu',
      machine: 'lm3s6965evb',
      'link-fragment': true,
    });
    expect(manifest()).toContain('check-cfg = ["cfg(minicov)"]');
    expect(readFileSync(join(crate, '.cargo', 'config.toml'), 'utf8')).toBe(config);
    expect(git(root, ['status', '--porcelain'])).toBe(` M ${EXAMPLE_DIR}/Cargo.toml\n`);
    expect(setupOutput).toMatch(/replace-with = "vendored-sources"/);
    expect(printedCaptureFunction(setupOutput).join('\n')).toContain('#[cfg(minicov)]');
  });

  it('changes nothing when run again', () => {
    addCaptureCall(root, printedCaptureFunction(setupOutput));
    git(root, ['commit', '-qam', 'adopt rt-quickstart']);
    const again = adoptExample(root);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(again).not.toContain('add this function');
  });
});

describe('the adopted firmware through nx', () => {
  it('coverage: runs as a flashed board, and the marked lines count what the model computes', () => {
    const result = nx(['run', `${EXAMPLE}:coverage`]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(
      /-device loader,file=[^ ]*flash\.bin,addr=0x0,force-raw=on -device loader,file=[^ ]*ram-at-power-up\.bin,addr=0x20000000/,
    );
    const profdata = join(root, 'dist/minicov', EXAMPLE_DIR, 'coverage/merged.profdata');
    const counts = lineCounts('llvm-cov-22', coverageElf(), profdata, root);
    const marks = findMarks(
      readdirSync(join(crate, 'src')).map((file) => join(crate, 'src', file)),
    );
    const expected = expectedMarkCounts();
    expect(marks.length).toBeGreaterThan(10);
    expect(
      Object.fromEntries(marks.map((mark) => [mark.name, counts.get(mark.file)?.get(mark.line)])),
    ).toEqual(Object.fromEntries(marks.map((mark) => [mark.name, expected[mark.name] ?? 0])));
    expect(
      Object.keys(expected).filter((name) => !marks.some((mark) => mark.name === name)),
    ).toEqual([]);
  });

  it("coverage: the fragment put the counters inside cortex-m-rt's zeroed .bss range, below the heap", () => {
    const symbols = mustRun('llvm-nm-22', [coverageElf()]).stdout.toString('utf8');
    const address = (name: string) =>
      parseInt(new RegExp(`^([0-9a-f]+) \\w ${name}$`, 'm').exec(symbols)?.[1] ?? 'NaN', 16);
    expect(address('__start___llvm_prf_cnts')).toBeGreaterThanOrEqual(address('__sbss'));
    expect(address('__stop___llvm_prf_cnts')).toBeLessThanOrEqual(address('__ebss'));
    expect(address('__ebss')).toBeLessThanOrEqual(address('__sheap'));
    expect(address('__start___llvm_prf_data')).toBeLessThan(lm3s.flash.length);
  });

  it('pgo: the profile matches every function that ran; the training build dropped unused code; the optimized build has no runtime and writes no profile', () => {
    const result = nx(['run', `${EXAMPLE}:pgo`]);
    expect(result.code, result.output).toBe(0);
    expectAllMatchedButCapture(result.output, 'write_coverage_profile');
    const training = join(root, 'dist/minicov', EXAMPLE_DIR, 'pgo/build', EXAMPLE);
    const trainingSymbols = mustRun('llvm-nm-22', [training]).stdout.toString('utf8');
    expect(trainingSymbols).toContain('__llvm_profile_runtime');
    expect(trainingSymbols).not.toContain('never_called_by_anyone');
    const optimized = join(root, 'dist/minicov', EXAMPLE_DIR, 'pgo/optimized', EXAMPLE);
    expect(runtimeTraces(optimized)).toEqual([]);
    const run = boardRun(optimized);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('self-check passed');
    expect(run.files.filter((file) => file.endsWith('.profraw'))).toEqual([]);
  });

  it('a plain cargo build has no runtime, writes no profile, and passes its self-check on the board', async () => {
    const plain = await plainBuild(root);
    expect(runtimeTraces(plain)).toEqual([]);
    const run = boardRun(plain);
    expect(run.code, run.output).toBe(0);
    expect(run.files.filter((file) => file.endsWith('.profraw'))).toEqual([]);
    const sizes = flashAndRam(plain, lm3s);
    expect(sizes.flash).toBeLessThan(flashAndRam(coverageElf(), lm3s).flash);
  });
});

describe('layouts that would run only in an emulator, caught after the build', () => {
  /**
   * Edits the crate's Cargo.toml (and appends to its build.rs), runs coverage-build,
   * then puts the committed files back.
   */
  const withSettings = (edit: (text: string) => string, buildScriptLine?: string) => {
    writeFileSync(join(crate, 'Cargo.toml'), edit(manifest()));
    if (buildScriptLine) {
      const buildScript = join(crate, 'build.rs');
      writeFileSync(
        buildScript,
        readFileSync(buildScript, 'utf8').replace(/\n}\n$/, `\n    ${buildScriptLine}\n}\n`),
      );
    }
    const result = nx(['run', `${EXAMPLE}:coverage-build`]);
    git(root, ['checkout', '--', EXAMPLE_DIR]);
    return result;
  };

  it('without the fragment: records in RAM and counters loaded into RAM, each named with its address and the fix', () => {
    const result = withSettings((text) =>
      text.replace('link-fragment = true', 'link-fragment = false'),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /__llvm_prf_data lies at 0x2000[0-9a-f]{4}\.\.0x2000[0-9a-f]{4}, in RAM \(0x20000000\.\.0x20010000\), not in flash/,
    );
    expect(result.output).toMatch(
      /__llvm_prf_cnts at 0x2000[0-9a-f]{4}\.\.0x2000[0-9a-f]{4} (is loaded from the image straight into RAM|overlaps the heap and stack area)/,
    );
    expect(result.output).toContain('set `link-fragment = true` in [package.metadata.minicov]');
  });

  it("a user's own placement after .uninit, with stack painting: outside the zeroed range and under the heap and the painted stack", () => {
    const script = join(crate, 'after-uninit.x');
    writeFileSync(
      script,
      [
        'SECTIONS {',
        '  __llvm_prf_data : ALIGN(8) { KEEP(*(__llvm_prf_data)) } > FLASH',
        '  __llvm_prf_names : ALIGN(8) { KEEP(*(__llvm_prf_names)) . = ALIGN(8); } > FLASH',
        '} INSERT AFTER .rodata;',
        'SECTIONS { __llvm_prf_cnts (NOLOAD) : ALIGN(8) { KEEP(*(__llvm_prf_cnts)) } > RAM } INSERT AFTER .uninit;',
        '',
      ].join('\n'),
    );
    const result = withSettings(
      (text) =>
        text
          .replace('link-fragment = true', 'link-fragment = false')
          .replace(
            'board-rt = "0.7"',
            'board-rt = { version = "0.7", features = ["paint-stack"] }',
          ),
      `println!("cargo:rustc-link-arg-bins=-T${script}");`,
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /__llvm_prf_cnts at 0x[0-9a-f]+\.\.0x[0-9a-f]+ lies outside the RAM the startup code zeroes \(__sbss\.\.__ebss = /,
    );
    expect(result.output).toMatch(
      /__llvm_prf_cnts at 0x[0-9a-f]+\.\.0x[0-9a-f]+ overlaps the heap and stack area \(__sheap\.\._stack_start = /,
    );
    expect(existsSync(script)).toBe(true);
  });
});
