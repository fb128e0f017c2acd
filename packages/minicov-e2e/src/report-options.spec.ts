// Report options through nx: thresholds, formats, missing lines, patterns and the output directory, from the command
// line and from Cargo.toml; opening the report and cleaning up.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const REPORT_DIR = 'coverage/examples/libs/ringbuf';
const MANIFEST = 'examples/libs/ringbuf/Cargo.toml';
let root: string;
let manifest: string;

/** `nx run ringbuf:coverage` with extra arguments, one task line per step. */
const coverage = (...args: string[]) =>
  runNx(['run', 'ringbuf:coverage', '--output-style=static', ...args], { cwd: root });

interface Totals {
  lines: { covered: number; count: number; percent: number };
}

const totals = (): Totals =>
  (JSON.parse(readFileSync(join(root, REPORT_DIR, 'summary.json'), 'utf8')) as { totals: Totals })
    .totals;

/** Replaces ringbuf's report table in Cargo.toml (none when `table` is empty). */
function setReportTable(table: string): void {
  writeFileSync(
    join(root, MANIFEST),
    table ? `${manifest}\n[package.metadata.minicov.report]\n${table}\n` : manifest,
  );
}

beforeAll(() => {
  root = copyWorkspace('report-options', {
    sharedCargoTarget: true,
    pluginTarball: packedPlugin(),
  });
  manifest = readFileSync(join(root, MANIFEST), 'utf8');
  const first = coverage();
  expect(first.code, first.output).toBe(0);
});

afterAll(() => removeWorkspaceCopy(root));

describe('failUnder from the command line', () => {
  it('fails under the threshold, naming the measure, the value and the threshold; the report is still written and nothing is cached', () => {
    const { covered, count } = totals().lines;
    expect(covered).toBeLessThan(count); // the threshold below must be out of reach
    for (const attempt of [1, 2]) {
      const result = coverage('--failUnder.lines=99.5');
      expect(result.code, result.output).not.toBe(0);
      expect(result.output).toContain('coverage of ringbuf is below its threshold:');
      expect(result.output).toMatch(
        new RegExp(
          `lines \\d+\\.\\d+% \\(${covered}/${count}\\) is below failUnder\\.lines 99\\.5%`,
        ),
      );
      expect(result.output).toContain(
        'fix: cover more code (showMissingLines lists what is not covered), or lower the threshold (option failUnder of ringbuf:coverage, or fail-under in [package.metadata.minicov.report] of examples/libs/ringbuf/Cargo.toml)',
      );
      expect(nxTasks(result.output).get('ringbuf:coverage'), `attempt ${attempt}`).toBe('ran');
    }
    expect(existsSync(join(root, REPORT_DIR, 'lcov.info'))).toBe(true);
  });

  it('passes at or over the threshold', () => {
    const percent = Math.floor(totals().lines.percent);
    const result = coverage(`--failUnder.lines=${percent}`, '--failUnder.functions=50');
    expect(result.code, result.output).toBe(0);
  });

  it('rejects a threshold outside 0-100, naming the option', () => {
    const result = coverage('--failUnder.regions=150');
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(
      'option "failUnder.regions" of ringbuf:coverage is 150, outside 0-100',
    );
  });
});

describe('the conveniences of cargo-llvm-cov, from the command line', () => {
  it('writes Codecov JSON when asked, prints only the totals with summaryOnly and the annotated source with text, and fails over a failUncovered limit', () => {
    const { covered, count } = totals().lines;
    const over = coverage(
      '--formats=codecov',
      '--formats=lcov',
      '--summaryOnly',
      `--failUncovered.lines=${count - covered - 1}`,
    );
    expect(over.code, over.output).not.toBe(0);
    expect(over.output).toContain(
      `coverage of ringbuf leaves more uncovered than its limit allows:\n    lines: ${count - covered} uncovered (${covered}/${count} covered), more than failUncovered.lines ${count - covered - 1}`,
    );
    // The totals alone: no row for the crate's file.
    expect(over.output).toMatch(/^TOTAL +\d+\.\d\d% /m);
    expect(over.output).not.toMatch(/^examples\/libs\/ringbuf\/src\/lib\.rs +\d/m);
    const codecov = JSON.parse(readFileSync(join(root, REPORT_DIR, 'codecov.json'), 'utf8')) as {
      coverage: Record<string, Record<string, number | string>>;
    };
    const lines = codecov.coverage['examples/libs/ringbuf/src/lib.rs'] ?? {};
    expect(Object.values(lines).filter((hits) => hits === 0)).toHaveLength(count - covered);
    expect(Object.keys(lines)).toHaveLength(count);
    expect(existsSync(join(root, REPORT_DIR, 'cobertura.xml'))).toBe(false);

    const within = coverage(
      '--formats=codecov',
      `--failUncovered.lines=${count - covered}`,
      '--text',
    );
    expect(within.code, within.output).toBe(0);
    // The source with its counts, llvm-cov's text view: `  12|      3|    code`, no checkout path.
    expect(within.output).toMatch(/^ +\d+\| +\d+\|.*pub fn /m);
    expect(within.output).not.toContain('/minicov-workspace');
  });
});

describe('formats, missing lines and patterns from the command line', () => {
  it('rejects an unknown format, naming it and the accepted ones', () => {
    const result = coverage('--formats=lcov', '--formats=xml');
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(
      'option "formats" of ringbuf:coverage names an unknown format "xml"',
    );
    expect(result.output).toContain('use only "lcov", "cobertura", "html", "json"');
  });

  it('lists the uncovered line ranges of each file', () => {
    const result = coverage('--showMissingLines');
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(
      /Missing lines:\n {2}examples\/libs\/ringbuf\/src\/lib\.rs {2}\d+(-\d+)?(, \d+(-\d+)?)*\n/,
    );
  });

  it('warns about an include pattern that matches nothing, naming it', () => {
    const result = coverage('--include=examples/libs/ringbuf/**', '--include=firmware/**');
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(
      'minicov: include pattern "firmware/**" matches none of the 1 files in the report (examples/libs/ringbuf/src/lib.rs)',
    );
  });
});

describe('[package.metadata.minicov.report] in Cargo.toml', () => {
  afterAll(() => setReportTable(''));

  it('sets the formats and thresholds of the coverage target', () => {
    setReportTable('formats = ["cobertura", "json"]\nfail-under = { functions = 10 }');
    const result = coverage();
    expect(result.code, result.output).toBe(0);
    expect(readdirSync(join(root, REPORT_DIR)).sort()).toEqual([
      '.minicov-report.json',
      'cobertura.xml',
      'summary.json',
    ]);
  });

  it('fails the target under its threshold', () => {
    setReportTable('fail-under = { lines = 99.9 }');
    const result = coverage();
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain('is below failUnder.lines 99.9%');
  });

  it('rejects a bad setting when nx reads the project graph, naming the manifest key', () => {
    setReportTable('fail-under = { lines = 120 }');
    const result = coverage();
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(
      `${MANIFEST}: package.metadata.minicov.report.fail-under.lines is 120, outside 0-100`,
    );
    setReportTable('formatz = ["lcov"]');
    const unknown = coverage();
    expect(unknown.code, unknown.output).not.toBe(0);
    expect(unknown.output).toContain(
      `${MANIFEST}: package.metadata.minicov.report.formatz is not a report setting`,
    );
  });
});

describe('the output directory, opening the report and cleaning up', () => {
  it('writes the report where outputDir says, which Nx caches and restores', () => {
    const result = coverage('--outputDir=reports/ringbuf');
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('lcov reports/ringbuf/lcov.info');
    expect(readFileSync(join(root, 'reports/ringbuf/.minicov-report.json'), 'utf8')).toContain(
      '"task": "ringbuf:coverage"',
    );
    rmSync(join(root, 'reports'), { recursive: true });
    const again = coverage('--outputDir=reports/ringbuf');
    expect(again.code, again.output).toBe(0);
    expect(nxTasks(again.output).get('ringbuf:coverage')).toBe('cache');
    expect(existsSync(join(root, 'reports/ringbuf/lcov.info'))).toBe(true);
  });

  it('refuses a directory holding files it did not write, or one outside the workspace, and loses nothing', () => {
    mkdirSync(join(root, 'site'), { recursive: true });
    writeFileSync(join(root, 'site/index.md'), '# the team site\n');
    const foreign = coverage('--outputDir=site');
    expect(foreign.code, foreign.output).not.toBe(0);
    expect(foreign.output).toContain(
      'option outputDir of ringbuf:coverage is "site": the directory holds files minicov did not write (index.md), which the report would replace',
    );
    expect(readdirSync(join(root, 'site'))).toEqual(['index.md']);
    const outside = coverage('--outputDir=../elsewhere');
    expect(outside.code, outside.output).not.toBe(0);
    expect(outside.output).toContain(
      'is "../elsewhere": it is outside the workspace, where Nx can neither cache nor restore it',
    );
  });

  it('opens the HTML page with BROWSER, after the report, and says what to do when there is no browser', () => {
    const opened = join(root, 'opened.txt');
    const browser = join(root, 'fake-browser.sh');
    writeFileSync(browser, `#!/bin/sh\necho "$@" > ${opened}\n`);
    chmodSync(browser, 0o755);
    const open = (...args: string[]) =>
      runNx(['run', 'ringbuf:coverage-open', '--output-style=static', ...args], {
        cwd: root,
        env: { BROWSER: browser },
      });
    const result = open();
    expect(result.code, result.output).toBe(0);
    expect(nxTasks(result.output).has('ringbuf:coverage')).toBe(true);
    expect(readFileSync(opened, 'utf8').trim()).toBe(join(root, REPORT_DIR, 'html/index.html'));
    const elsewhere = open('--outputDir=reports/ringbuf');
    expect(elsewhere.code, elsewhere.output).toBe(0);
    expect(readFileSync(opened, 'utf8').trim()).toBe(join(root, 'reports/ringbuf/html/index.html'));
    const none = runNx(['run', 'ringbuf:coverage-open', '--output-style=static'], {
      cwd: root,
      env: { BROWSER: 'no-such-browser' },
    });
    expect(none.code, none.output).not.toBe(0);
    expect(none.output).toContain(
      'cannot open the report: no-such-browser (the BROWSER variable) is not on PATH',
    );
  });

  it("removes the crate's builds, profiles and report, and keeps a directory it did not write", () => {
    mkdirSync(join(root, 'coverage/examples/libs/ringbuf'), { recursive: true });
    const result = runNx(['run', 'ringbuf:minicov-clean', '--output-style=static'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(
      'minicov: removed dist/minicov/examples/libs/ringbuf, target/minicov/ringbuf, coverage/examples/libs/ringbuf',
    );
    for (const dir of ['dist/minicov/examples/libs/ringbuf', 'target/minicov/ringbuf', REPORT_DIR])
      expect(existsSync(join(root, dir)), dir).toBe(false);
    // Another crate's outputs stay.
    expect(existsSync(join(root, 'site/index.md'))).toBe(true);
    const again = runNx(['run', 'ringbuf:minicov-clean', '--output-style=static'], { cwd: root });
    expect(again.output).toContain('minicov: nothing to remove for ringbuf');
  });
});
