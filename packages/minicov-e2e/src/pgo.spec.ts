// `nx run fw:pgo` and `nx run host-nostd:pgo`:
// optimized binaries that the profile matched and that still pass their self-checks.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmware } from '../../../examples/fw/test/qemu';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mustRun, run } from '../../../tools/testing/exec';
import { runtimeTraces } from '../../../tools/testing/firmware-elf';
import { runNx } from '../../../tools/testing/nx';
import { expectAllMatchedButCapture, pgoFigures } from '../../../tools/testing/pgo-figures';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

let root: string;

beforeAll(() => {
  root = copyWorkspace('pgo', { sharedCargoTarget: true, pluginTarball: packedPlugin() });
});

afterAll(() => removeWorkspaceCopy(root));

/** Runs `nx run <project>:pgo`, which must succeed, and returns its output. */
function pgo(project: string): string {
  const result = runNx(['run', `${project}:pgo`], { cwd: root });
  expect(result.code, result.output).toBe(0);
  return result.output;
}

describe('nx run <project>:pgo', () => {
  it('fw: the profile matches every function that ran but the cfg(minicov) capture; the optimized firmware has no runtime, passes its self-check on the board and writes no profile', () => {
    expectAllMatchedButCapture(pgo('fw'), 'write_or_exit');
    const optimized = join(root, 'dist/minicov/examples/fw/pgo/optimized/fw');
    expect(runtimeTraces(optimized)).toEqual([]);
    const directory = mkdtempSync(join(tmpdir(), 'fw-optimized-'));
    const result = runFirmware(optimized, directory);
    expect(result.code, `exit status (1 = self-check failed)\n${result.stderr}`).toBe(0);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('fw: a plain cargo build has no runtime, passes its self-check on the board and writes no profile', () => {
    // The optimized build's target directory: its core is reused,
    // the workspace crates are rebuilt without minicov's flags.
    const targetDir = join(root, 'target/minicov/fw/pgo-use');
    const env = {
      RUSTC_BOOTSTRAP: '1',
      RUSTFLAGS: undefined,
      RUSTC_WORKSPACE_WRAPPER: undefined,
      MINICOV_CFLAGS: undefined,
    };
    mustRun(
      'cargo',
      [
        'build',
        '--release',
        '-p',
        'fw',
        '--bin',
        'fw',
        '--target',
        'thumbv7m-none-eabi',
        '-Zbuild-std=core',
        '--target-dir',
        targetDir,
      ],
      { cwd: root, env },
    );
    const plain = join(targetDir, 'thumbv7m-none-eabi/release/fw');
    expect(runtimeTraces(plain)).toEqual([]);
    const directory = mkdtempSync(join(tmpdir(), 'fw-plain-'));
    const result = runFirmware(plain, directory);
    expect(result.code, `exit status (1 = self-check failed)\n${result.stderr}`).toBe(0);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('host-nostd: the profile matches every function that ran, Rust and C, and the optimized program passes its self-check', () => {
    const { matched, ran, unmatched } = pgoFigures(pgo('host-nostd'));
    expect(ran).toBeGreaterThan(3);
    expect(unmatched).toEqual([]);
    expect(matched).toBe(ran);
    const directory = mkdtempSync(join(tmpdir(), 'host-optimized-'));
    const result = run(join(root, 'dist/minicov/examples/host-nostd/pgo/optimized/host-nostd'), [
      join(directory, 'unused.profraw'),
    ]);
    expect(result.code, result.stderr).toBe(0);
  });
});
