// `host-tests = true` on fw: the library's unit tests on the host and the firmware in QEMU,
// merged into one report whose counts are their sum.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostTarget } from '../../../tools/testing/cargo';
import { mustRun } from '../../../tools/testing/exec';
import { lineCounts, readLcovLineCounts } from '../../../tools/testing/lcov';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const BUILD = 'dist/minicov/examples/fw/coverage/build';
const PROFILES = 'dist/minicov/examples/fw/coverage/profiles';
const TELEMETRY = 'examples/fw/src/telemetry.rs';

let root: string;
let output: string;

/** Per workspace-relative file, line → count: one binary's own profiles merged and exported on their own. */
type LineCounts = Map<string, Map<number, number>>;

/**
 * The report one binary and its own profiles would give alone:
 * llvm-profdata merge, then llvm-cov export against that binary.
 */
function aloneCounts(binary: string, profileDir: string): LineCounts {
  const profiles = readdirSync(join(root, profileDir))
    .filter((name) => name.endsWith('.profraw'))
    .map((name) => join(root, profileDir, name));
  expect(profiles.length, profileDir).toBeGreaterThan(0);
  const merged = join(mkdtempSync(join(tmpdir(), 'host-tests-alone-')), 'alone.profdata');
  mustRun('llvm-profdata-22', ['merge', '-o', merged, ...profiles]);
  const counts = lineCounts('llvm-cov-22', join(root, binary), merged, root);
  return new Map([...counts].map(([file, lines]) => [relative(root, file), lines]));
}

const countOf = (counts: LineCounts, file: string, line: number) =>
  counts.get(file)?.get(line) ?? 0;

beforeAll(() => {
  root = copyWorkspace('host-tests', { sharedCargoTarget: true, pluginTarball: packedPlugin() });
  const result = runNx(['run', 'fw:coverage'], { cwd: root });
  expect(result.code, result.output).toBe(0);
  output = result.output;
});

afterAll(() => removeWorkspaceCopy(root));

describe('nx run fw:coverage with host-tests = true', () => {
  let firmware: LineCounts;
  let hostTests: LineCounts;
  let report: LineCounts;

  beforeAll(() => {
    firmware = aloneCounts(`${BUILD}/fw`, `${PROFILES}/run-0`);
    hostTests = aloneCounts(`${BUILD}/fw-host-tests`, `${PROFILES}/host-tests`);
    report = readLcovLineCounts(join(root, 'coverage/examples/fw/lcov.info'));
  });

  it('builds the library unit tests for the host beside the firmware, records both, and runs the tests after QEMU', () => {
    const record = JSON.parse(readFileSync(join(root, BUILD, 'build.json'), 'utf8')) as {
      target: string;
      hostTests?: { binary: string; target: string; functions: number };
    };
    expect(record.target).toBe('thumbv7m-none-eabi');
    expect(record.hostTests).toMatchObject({ binary: 'fw-host-tests', target: hostTarget });
    expect(record.hostTests?.functions).toBeGreaterThan(0);
    expect(output).toContain('test result: ok. 5 passed');
    expect(output.indexOf('qemu-system-arm')).toBeLessThan(output.indexOf('test result: ok.'));
    expect(readdirSync(join(root, PROFILES)).sort()).toEqual(['host-tests', 'run-0']);
    // The test binary writes with rustc's own profiler runtime; the minicov runtime crate is not linked into it.
    const symbols = mustRun('nm', [join(root, BUILD, 'fw-host-tests')]).stdout.toString('utf8');
    expect(symbols).toContain('lprofWriteData');
    expect(symbols).not.toMatch(/minicov/i);
  });

  it('reports telemetry lines that both the firmware run and the host tests executed, with both counts added', () => {
    const shared = [...(report.get(TELEMETRY) ?? new Map<number, number>())].filter(
      ([line]) => countOf(firmware, TELEMETRY, line) > 0 && countOf(hostTests, TELEMETRY, line) > 0,
    );
    expect(shared.length).toBeGreaterThan(20);
    for (const [line, count] of shared) {
      expect(count, `${TELEMETRY}:${line}`).toBe(
        countOf(firmware, TELEMETRY, line) + countOf(hostTests, TELEMETRY, line),
      );
    }
    // The tests' own functions exist only in the host binary; hdlc.rs only in the firmware.
    expect(
      [...(hostTests.get(TELEMETRY)?.keys() ?? [])].filter(
        (line) =>
          countOf(firmware, TELEMETRY, line) === 0 && countOf(hostTests, TELEMETRY, line) > 0,
      ).length,
    ).toBeGreaterThan(0);
    expect(hostTests.has('examples/fw/src/hdlc.rs')).toBe(false);
  });

  it('counts every line of every file as the firmware alone plus the host tests alone', () => {
    const workspaceFiles = (counts: LineCounts) =>
      [...counts.keys()].filter((file) => file.startsWith('examples/'));
    expect([...report.keys()].sort()).toEqual(
      [...new Set([...workspaceFiles(firmware), ...workspaceFiles(hostTests)])].sort(),
    );
    let lines = 0;
    for (const [file, counts] of report) {
      for (const [line, count] of counts) {
        expect(count, `${file}:${line}`).toBe(
          countOf(firmware, file, line) + countOf(hostTests, file, line),
        );
        lines += 1;
      }
    }
    const total = (counts: LineCounts) =>
      [...counts.values()].reduce(
        (sum, file) => sum + [...file.values()].reduce((a, b) => a + b, 0),
        0,
      );
    expect(lines).toBeGreaterThan(300);
    expect(total(report)).toBe(total(firmware) + total(hostTests));
    expect(total(hostTests)).toBeGreaterThan(0);
  });

  it('rejects host-tests on a crate without a library before building anything', () => {
    const manifest = join(root, 'examples/host-nostd/Cargo.toml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(
        'c-modules = true',
        'c-modules = true\nhost-tests = true',
      ),
    );
    const result = runNx(['run', 'host-nostd:coverage-build'], { cwd: root });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'examples/host-nostd/Cargo.toml: package.metadata.minicov.host-tests is set, but cargo lists no library target for host-nostd',
    );
    expect(result.output).not.toContain('minicov: building');
    expect(existsSync(join(root, 'dist/minicov/examples/host-nostd/coverage/build'))).toBe(false);
  });

  it('fails coverage-run when a host unit test fails, naming the test binary, keeping no profile and caching nothing', () => {
    const telemetry = join(root, TELEMETRY);
    const original = readFileSync(telemetry, 'utf8');
    expect(original).toContain('assert_eq!(run(), run());');
    writeFileSync(
      telemetry,
      original.replace('assert_eq!(run(), run());', 'assert_ne!(run(), run());'),
    );
    for (const attempt of [1, 2]) {
      const result = runNx(['run', 'fw:coverage'], { cwd: root });
      expect(result.code, `attempt ${attempt}`).not.toBe(0);
      expect(result.output).toContain(
        `fw host unit tests (${BUILD}/fw-host-tests) exited with status 101 (a unit test failed); its profile is not used`,
      );
      expect(result.output).toContain('every_run_computes_the_same_digest');
      expect(result.output).toContain(
        'fix: fix the failing test (`cargo test -p fw --lib` runs them)',
      );
      expect(nxTasks(result.output).get('fw:coverage-run'), `attempt ${attempt}`).toBe('ran');
      expect(nxTasks(result.output).has('fw:coverage-merge')).toBe(false);
      // The firmware's profile of the same step is gone too: no partial set of profiles for a later merge.
      expect(existsSync(join(root, PROFILES))).toBe(false);
      expect(
        readdirSync(join(root, 'dist/minicov/examples/fw/coverage')).filter((name) =>
          name.includes('partial'),
        ),
      ).toEqual([]);
    }
  });
});
