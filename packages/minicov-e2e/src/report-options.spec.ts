// Report options through nx: thresholds, formats, missing lines and patterns,
// from the command line and from Cargo.toml.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    expect(readdirSync(join(root, REPORT_DIR)).sort()).toEqual(['cobertura.xml', 'summary.json']);
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
