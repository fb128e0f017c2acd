// examples/rt-quickstart adopted as a user adopts a firmware: setup --project, the capture call setup prints,
// then its builds.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './exec';
import { runNx } from './nx';

/** The example's directory inside a workspace copy, and its project name. */
export const EXAMPLE_DIR = 'examples/rt-quickstart';
export const EXAMPLE = 'rt-quickstart';

/** Runs `nx g minicov:setup --project=examples/rt-quickstart` in `root`; returns its output (throws when it fails). */
export function adoptExample(root: string): string {
  const result = runNx(['g', 'minicov:setup', `--project=${EXAMPLE_DIR}`, '--no-interactive'], {
    cwd: root,
  });
  if (result.code !== 0) throw new Error(`setup --project failed:\n${result.output}`);
  return result.output;
}

/** The capture function setup printed, without its indentation: the lines after "add this function:". */
export function printedCaptureFunction(output: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.includes('add this function:'));
  if (start < 0) throw new Error(`setup printed no capture function:\n${output}`);
  const code: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('    ')) break;
    code.push(line.slice(4));
  }
  return code;
}

/**
 * Adds `captureFunction` to the example's main.rs and calls it just before the semihosting exit,
 * as setup tells a user to.
 */
export function addCaptureCall(root: string, captureFunction: string[]): void {
  const main = join(root, EXAMPLE_DIR, 'src', 'main.rs');
  const text = readFileSync(main, 'utf8');
  const exit = '    board_rt::debug::exit(passed)\n';
  if (!text.includes(exit)) throw new Error(`${main} no longer ends with ${exit.trim()}`);
  writeFileSync(
    main,
    `${text.replace(exit, `    write_coverage_profile();\n${exit}`)}\n${captureFunction.join('\n')}\n`,
  );
}

/**
 * A plain release build of the example with cargo, as the user builds it by hand (core from rust-src, offline with the
 * toolchain's vendored sources beside the example's own), in the PGO optimized build's directory, whose core it reuses.
 * Returns the ELF.
 */
export async function plainBuild(root: string): Promise<string> {
  const crate = join(root, EXAMPLE_DIR);
  const targetDir = join(root, 'target', 'minicov', EXAMPLE, 'pgo-use');
  const sysroot = mustRun('rustc', ['--print', 'sysroot'], { cwd: crate })
    .stdout.toString('utf8')
    .trim();
  // Loaded here, not at the top: the benchmarks load this module outside vitest, where the plugin's sources are not.
  const { offlineSourceArgs } = await import('../../packages/minicov/src/cargo/offline-sources');
  const config = await offlineSourceArgs({
    sysroot,
    cwd: crate,
    cargoWorkspaceRoot: crate,
    mergedDirectory: join(targetDir, 'offline-sources'),
  });
  const env = {
    RUSTC_BOOTSTRAP: '1',
    RUSTFLAGS: undefined,
    CARGO_ENCODED_RUSTFLAGS: undefined,
    RUSTC_WORKSPACE_WRAPPER: undefined,
  };
  mustRun(
    'cargo',
    ['build', '--release', '-Zbuild-std=core', '--target-dir', targetDir, ...config],
    { cwd: crate, env, timeoutMs: 600_000 },
  );
  return join(targetDir, 'thumbv7m-none-eabi', 'release', EXAMPLE);
}
