// The facts the docs state about options, formats, flags and table columns, checked against the code that has them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, REPORT_SETTINGS } from './model/report-settings';
import { REPORT_FILES } from './report/write-report';
import { formatSummaryTable, coverageCounts } from './report/summary';
import { TARGET_NAME_OPTIONS, targetNamesOf } from './plugin/target-names';

const repo = join(__dirname, '..', '..', '..');
const doc = (path: string) => readFileSync(join(repo, path), 'utf8');
const code = (path: string) => readFileSync(join(__dirname, path), 'utf8');

/** The rows of the first markdown table after `heading` in `text`, each as its cells. */
function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('docs/reports.md', () => {
  const reports = doc('docs/reports.md');

  it('lists every report setting with its Cargo.toml key, and no other', () => {
    const rows = tableAfter(reports, '## Settings');
    expect(rows.map(([option, key]) => [option, key])).toEqual(
      Object.entries(REPORT_SETTINGS).map(([option, setting]) => [
        `\`${option}\``,
        `\`${setting.toml}\``,
      ]),
    );
  });

  it('lists every format with the file it writes', () => {
    const rows = tableAfter(reports, '## The formats').filter(([format]) =>
      format?.startsWith('`'),
    );
    expect(rows.map(([format, file]) => [format, file])).toEqual(
      REPORT_FORMATS.map((format) => [`\`${format}\``, `\`${REPORT_FILES[format]}\``]),
    );
  });

  it('shows the terminal table with the columns the code prints', () => {
    const counts = coverageCounts(1, 1);
    const header = formatSummaryTable(
      {
        files: [],
        totals: { lines: counts, functions: counts, regions: counts, branches: counts },
      },
      'File',
    ).split('\n')[0];
    const shown = /```\n(File .*)\n/.exec(reports)?.[1];
    expect(shown?.split(/\s+/)).toEqual(header?.split(/\s+/));
  });

  it('names every Cargo.toml key in the fix for a misspelt one', () => {
    const row = reports.split('\n').find((line) => line.includes('is not a report setting'));
    for (const setting of Object.values(REPORT_SETTINGS))
      expect(row, setting.toml).toContain(`\`${setting.toml}\``);
  });
});

describe('docs/getting-started.md', () => {
  it("names the table's measures as the code prints them", () => {
    const text = doc('docs/getting-started.md').replace(/\s+/g, ' ');
    expect(text).toContain('of lines, functions, regions and branches per file');
    expect(code('report/summary.ts')).toMatch(/'Lines',\s*'Functions',\s*'Regions',/);
  });
});

describe('docs/pipeline.md', () => {
  it("states the merge's failure mode as the merge runs it", () => {
    const stated = /llvm-profdata merge (--failure-mode=\w+)/.exec(doc('docs/pipeline.md'))?.[1];
    expect(stated).toBeDefined();
    expect(code('profile/merge-profiles.ts')).toContain(`'${stated}'`);
  });
});

describe('docs/monorepo.md', () => {
  it('shows every plugin option that names something, with its default where it has one', () => {
    const example = /"options": (\{[^}]*\})/.exec(doc('docs/monorepo.md'))?.[1];
    const options = JSON.parse(example ?? '{}') as Record<string, unknown>;
    const defaults = targetNamesOf(undefined);
    expect(Object.keys(options).sort()).toEqual(
      ['llvmMajor', 'workspaceProjectName', ...TARGET_NAME_OPTIONS].sort(),
    );
    expect(options.workspaceReportTargetName).toBe(defaults.workspaceReport);
    expect(options.cleanTargetName).toBe(defaults.clean);
  });
});

describe('executors.json', () => {
  it("describes the report's formats as the report writes them", () => {
    const executors = JSON.parse(doc('packages/minicov/executors.json')) as {
      executors: Record<string, { description: string }>;
    };
    const description = executors.executors.report?.description ?? '';
    for (const label of ['lcov', 'Cobertura', 'HTML', 'JSON summary', 'Codecov JSON'])
      expect(description).toContain(label);
  });
});
