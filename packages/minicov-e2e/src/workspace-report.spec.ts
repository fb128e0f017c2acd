// `nx run workspace:coverage-report`: one report over every crate, whose counts are the sum of the projects' own.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLcovLineCounts } from '../../../tools/testing/lcov';
import { runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

let root: string;
let output: string;

beforeAll(() => {
  root = copyWorkspace('workspace-report', {
    sharedCargoTarget: true,
    pluginTarball: packedPlugin(),
  });
  const result = runNx(['run', 'workspace:coverage-report'], { cwd: root });
  expect(result.code, result.output).toBe(0);
  output = result.output;
});

afterAll(() => removeWorkspaceCopy(root));

/** Every per-project lcov.info under coverage/, except the workspace report's own. */
function projectReports(): string[] {
  return readdirSync(join(root, 'coverage'), { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('lcov.info') && !path.startsWith('workspace'))
    .map((path) => join(root, 'coverage', path));
}

describe('nx run workspace:coverage-report', () => {
  it('prints the merged table and a per-project breakdown', () => {
    expect(output).toMatch(/^Project +Lines +Functions +Regions +Branches$/m);
    for (const project of [
      'fw',
      'host-nostd',
      'ringbuf',
      'checksum',
      'codec',
      'fixedpoint',
      'driver',
    ]) {
      expect(output).toMatch(new RegExp(`^${project} +\\d+\\.\\d\\d% \\(\\d+/\\d+\\)`, 'm'));
    }
  });

  it('counts every line as the sum of the per-project reports (equal for files only one project has)', () => {
    const merged = readLcovLineCounts(join(root, 'coverage/workspace/lcov.info'));
    const perProject = projectReports().map(readLcovLineCounts);
    expect(perProject.length).toBe(7);
    let shared = 0;
    for (const [file, lines] of merged) {
      const holders = perProject.filter((report) => report.has(file));
      expect(holders.length, file).toBeGreaterThan(0);
      if (holders.length > 1) shared += 1;
      for (const [line, count] of lines) {
        const sum = holders.reduce(
          (total, report) => total + (report.get(file)?.get(line) ?? 0),
          0,
        );
        expect(count, `${file}:${line}`).toBe(sum);
      }
    }
    // The libraries are in their own test runs and in the firmware's.
    expect(shared).toBeGreaterThanOrEqual(5);
    expect(merged.get('examples/libs/codec/src/lib.rs')?.size).toBeGreaterThan(0);
  });
});

describe('failUnder on the workspace report', () => {
  it('fails under the threshold with the merged totals, and passes at it', () => {
    const under = runNx(['run', 'workspace:coverage-report', '--failUnder.functions=99.9'], {
      cwd: root,
    });
    expect(under.code, under.output).not.toBe(0);
    expect(under.output).toMatch(
      /coverage of the workspace is below its threshold:\n {4}functions \d+\.\d\d% \(\d+\/\d+\) is below failUnder\.functions 99\.9%/,
    );
    const over = runNx(['run', 'workspace:coverage-report', '--failUnder.functions=50'], {
      cwd: root,
    });
    expect(over.code, over.output).toBe(0);
  });
});

describe("a crate's summary.json written from another profile", () => {
  it('is not trusted: the breakdown computes the totals again', () => {
    const row = (text: string) => new RegExp('^ringbuf +.*$', 'm').exec(text)?.[0];
    const dir = join(root, 'coverage/examples/libs/ringbuf');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      totals: { lines: { covered: number } };
    };
    summary.totals.lines.covered = 0;
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
    writeFileSync(
      join(dir, '.minicov-report.json'),
      JSON.stringify({ task: 'ringbuf:coverage', profile: 'an older profile' }),
    );
    // Without the crates' own tasks, which would restore their reports from the cache.
    const result = runNx(['run', 'workspace:coverage-report', '--excludeTaskDependencies'], {
      cwd: root,
    });
    expect(result.code, result.output).toBe(0);
    expect(row(result.output)).toBe(row(output));
  });
});

describe('a crate whose report has no JSON summary', () => {
  it('still gets its row in the breakdown, with the same totals', () => {
    const row = (text: string) => new RegExp('^ringbuf +.*$', 'm').exec(text)?.[0];
    const before = row(output);
    expect(before).toBeDefined();
    const manifest = join(root, 'examples/libs/ringbuf/Cargo.toml');
    writeFileSync(
      manifest,
      `${readFileSync(manifest, 'utf8')}\n[package.metadata.minicov.report]\nformats = ["lcov"]\n`,
    );
    const result = runNx(['run', 'workspace:coverage-report'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    expect(existsSync(join(root, 'coverage/examples/libs/ringbuf/summary.json'))).toBe(false);
    expect(row(result.output)).toBe(before);
  });
});
