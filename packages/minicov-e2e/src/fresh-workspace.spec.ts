// A new user's path, outside this repository: an empty Nx workspace, the packed minicov from npm's tarball,
// two generator calls, then coverage and PGO on firmware in QEMU and coverage of a host library. No crates.io.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshWorkspace } from '../../../tools/testing/fresh-workspace';
import { runNx } from '../../../tools/testing/nx';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { packPlugin } from '../../../tools/pack-plugin.mjs';

let root: string;

/** Runs nx in the fresh workspace with its own nx, which must succeed. */
function nx(args: string[]): string {
  const result = runNx(args, { cwd: root, nxBin: join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js') });
  expect(result.code, `nx ${args.join(' ')}\n${result.output}`).toBe(0);
  return result.output;
}

beforeAll(() => {
  root = createFreshWorkspace('firmware-team', packPlugin());
});

afterAll(() => {
  if (!process.env.MINICOV_KEEP_E2E) rmSync(dirname(root), { recursive: true, force: true });
});

describe('a fresh workspace with the packed plugin', () => {
  it('sets up and scaffolds a firmware crate with C and a host library', () => {
    nx(['g', 'minicov:setup', '--no-interactive']);
    nx(['g', 'minicov:crate', 'fw', '--kind=firmware', '--target=thumbv7m-none-eabi', '--machine=lm3s6965evb', '--with-c', '--no-interactive']);
    nx(['g', 'minicov:crate', 'mathlib', '--kind=lib', '--target=host', '--no-interactive']);
    const nxJson = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as { plugins: unknown[] };
    expect(nxJson.plugins).toContainEqual({ plugin: 'minicov', options: { llvmMajor: 22 } });
  });

  it('nx run fw:coverage reports the generated Rust and C sources', () => {
    const output = nx(['run', 'fw:coverage']);
    const lcov = readFileSync(join(root, 'coverage', 'crates', 'fw', 'lcov.info'), 'utf8');
    expect(lcov).toContain('SF:crates/fw/src/main.rs');
    expect(lcov).toMatch(/SF:crates\/fw\/c\/\S+\.c/);
    expect(output).toContain('crates/fw/src/main.rs');
  });

  it('nx run fw:pgo builds an optimized firmware the profile matched', () => {
    const output = nx(['run', 'fw:pgo']);
    const figures = /the profile matched (\d+) of the (\d+) functions/.exec(output);
    expect(Number(figures?.[1])).toBeGreaterThan(0);
    expect(figures?.[1]).toBe(figures?.[2]);
  });

  it('nx run mathlib:coverage reports the library through its unit tests', () => {
    nx(['run', 'mathlib:coverage']);
    expect(readFileSync(join(root, 'coverage', 'crates', 'mathlib', 'lcov.info'), 'utf8')).toContain('SF:crates/mathlib/src/lib.rs');
  });
});
