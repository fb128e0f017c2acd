// Every report format for one real fixture program (Rust v0 + legacy, C, C++, branches),
// against golden files and the formats' own readers.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import parseLcovWithNpm from 'lcov-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../../tools/testing/exec';
import {
  buildReportFixture,
  FIXTURE_TOOLS,
  fixtureReportInput,
  type ReportFixture,
} from '../../../../tools/testing/report-fixture';
import { repoRoot } from '../../../../tools/testing/cargo';
import { parseLcov } from './lcov-model';
import { formatReportConsole } from './report-console';
import type { CoverageSummary } from './summary';
import {
  EmptyCoverageReportError,
  EmptyProfileError,
  writeCoverageReport,
  type WriteCoverageReportOptions,
} from './write-report';

/** Set UPDATE_GOLDEN=1 to rewrite the golden files from this toolchain's output (then review the diff). */
const GOLDEN = join(import.meta.dirname, 'golden');
const DTD = join(repoRoot, 'tools', 'testing', 'fixtures', 'cobertura', 'coverage-04.dtd');

let fixture: ReportFixture;
let summary: CoverageSummary;
let outputDir: string;
const read = (name: string): string => readFileSync(join(outputDir, name), 'utf8');

/** Compares `actual` with golden file `name`, or rewrites it in update mode. */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`${file} did not exist and was written; review it and run again`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Paths of this run's temporary workspace, in case any output carried one. */
const normalize = (text: string): string => text.split(fixture.workspaceRoot).join('<workspace>');

const reportOptions = (
  overrides: Partial<WriteCoverageReportOptions> = {},
): WriteCoverageReportOptions => ({
  ...fixtureReportInput(fixture, outputDir),
  producer: { version: 'minicov (golden)', timestamp: 1_700_000_000 },
  ...overrides,
});

/** lcov-parse's callback API as a promise. */
function parseWithNpm(text: string): Promise<parseLcovWithNpm.LcovFile[]> {
  return new Promise((resolve, reject) =>
    parseLcovWithNpm(text, (error, data) =>
      error ? reject(new Error(String(error))) : resolve(data ?? []),
    ),
  );
}

beforeAll(async () => {
  fixture = buildReportFixture();
  outputDir = join(fixture.workspaceRoot, 'coverage', 'fixture');
  summary = await writeCoverageReport(reportOptions());
});

afterAll(() => {
  if (fixture) rmSync(dirname(fixture.workspaceRoot), { recursive: true, force: true });
});

describe('golden outputs of the fixture program', () => {
  it('lcov.info', () => expectGolden('lcov.info', normalize(read('lcov.info'))));
  it('cobertura.xml', () => expectGolden('cobertura.xml', normalize(read('cobertura.xml'))));
  it('summary.json', () => expectGolden('summary.json', normalize(read('summary.json'))));
  it('the terminal table with missing lines', () =>
    expectGolden('terminal.txt', `${formatReportConsole(summary, true)}\n`));
  it('holds no path of the temporary workspace', () => {
    for (const name of ['lcov.info', 'cobertura.xml', 'summary.json', 'html/index.html'])
      expect(read(name)).not.toContain(fixture.workspaceRoot);
  });
});

describe('Cobertura XML', () => {
  const xmllint = (file: string) => run('xmllint', ['--noout', '--dtdvalid', DTD, file]);
  it('is well-formed and valid against the coverage-04 DTD', () => {
    const result = xmllint(join(outputDir, 'cobertura.xml'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
  it('the validation rejects a document that breaks the DTD', () => {
    const broken = join(fixture.workspaceRoot, 'broken.xml');
    writeFileSync(broken, read('cobertura.xml').replace(/ lines-valid="\d+"/, ''));
    const result = xmllint(broken);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('lines-valid');
  });
  it('carries the totals of the summary', () => {
    const root = /<coverage ([^>]*)>/.exec(read('cobertura.xml'))?.[1] ?? '';
    expect(root).toContain(
      `lines-covered="${summary.totals.lines.covered}" lines-valid="${summary.totals.lines.count}"`,
    );
    expect(root).toContain(
      `branches-covered="${summary.totals.branches?.covered}" branches-valid="${summary.totals.branches?.count}"`,
    );
  });
  it('marks lines with branches and their condition coverage', () =>
    expect(read('cobertura.xml')).toMatch(
      /<line number="\d+" hits="\d+" branch="true" condition-coverage="\d+% \(\d+\/\d+\)"\/>/,
    ));
  it('escapes C++ names for XML', () =>
    expect(read('cobertura.xml')).toContain('name="int fixture::twice&lt;int&gt;(int)"'));
});

describe('lcov read by lcov-parse (npm)', () => {
  it("parses, and its totals equal llvm-cov's own summary", async () => {
    const files = await parseWithNpm(read('lcov.info'));
    expect(files.map((f) => f.file)).toEqual(summary.files.map((f) => f.file));
    const total = (part: 'lines' | 'functions' | 'branches', key: 'found' | 'hit') =>
      files.reduce((n, f) => n + f[part][key], 0);
    expect({ count: total('lines', 'found'), covered: total('lines', 'hit') }).toEqual({
      count: summary.totals.lines.count,
      covered: summary.totals.lines.covered,
    });
    expect({ count: total('functions', 'found'), covered: total('functions', 'hit') }).toEqual({
      count: summary.totals.functions.count,
      covered: summary.totals.functions.covered,
    });
    expect({ count: total('branches', 'found'), covered: total('branches', 'hit') }).toEqual({
      count: summary.totals.branches?.count,
      covered: summary.totals.branches?.covered,
    });
  });
  it("its line records agree with minicov's own reading", async () => {
    const npm = await parseWithNpm(read('lcov.info'));
    const ours = parseLcov(read('lcov.info'), 'lcov.info');
    expect(npm.map((f) => f.lines.details.map((d) => [d.line, d.hit]))).toEqual(
      ours.map((f) => [...f.lines]),
    );
  });
});

describe('names and branches', () => {
  const functions = () =>
    parseLcov(read('lcov.info'), 'lcov.info').flatMap((f) => f.functions.map((fn) => fn.name));
  it('demangles Rust v0, Rust legacy (without its hash), C++, and keeps C names', () =>
    expect(functions()).toEqual(
      expect.arrayContaining([
        'report_fixture::classify',
        'shapes::area',
        'fixture::Scaler::apply(int) const',
        'int fixture::twice<int>(int)',
        'checksum',
        'checksum.c:unused_helper',
      ]),
    ));
  it('leaves no mangled name', () =>
    expect(functions().filter((name) => /(^|:)_(R|Z)/.test(name))).toEqual([]));
  it('records Rust and C branches in lcov, the summary and the HTML', () => {
    const branchFiles = parseLcov(read('lcov.info'), 'lcov.info')
      .filter((f) => f.branches.length > 0)
      .map((f) => f.path);
    expect(branchFiles).toEqual(expect.arrayContaining(['c/checksum.c', 'src/main.rs']));
    expect(summary.totals.branches?.count).toBeGreaterThan(0);
    const page = readFileSync(
      join(outputDir, 'html', 'coverage', 'src', 'main.rs.html'),
      'utf8',
    ).replace(/<[^>]*>/g, '');
    expect(page).toMatch(/Branch \(\d+:\d+\): \[True: \d+, False: \d+\]/);
  });
});

describe('report options', () => {
  it('writes only the chosen formats', async () => {
    const only = join(fixture.workspaceRoot, 'coverage', 'only-cobertura');
    await writeCoverageReport(reportOptions({ outputDir: only, formats: ['cobertura'] }));
    expect(existsSync(join(only, 'cobertura.xml'))).toBe(true);
    for (const name of ['lcov.info', 'summary.json', 'html'])
      expect(existsSync(join(only, name))).toBe(false);
  });
  it('include and exclude select files by workspace-relative pattern', async () => {
    const selected = await writeCoverageReport(
      reportOptions({
        outputDir: join(fixture.workspaceRoot, 'coverage', 'selected'),
        patterns: { include: ['src/**', 'c/**'], exclude: ['**/*.c'] },
      }),
    );
    expect(selected.files.map((f) => f.file)).toEqual(['src/main.rs']);
    expect(selected.totals.lines.count).toBe(
      summary.files.find((f) => f.file === 'src/main.rs')?.lines.count,
    );
  });
  it('warns, naming it, about an include pattern that matches nothing', async () => {
    const warnings: string[] = [];
    await writeCoverageReport(
      reportOptions({
        outputDir: join(fixture.workspaceRoot, 'coverage', 'warned'),
        patterns: { include: ['src/**', 'firmware/**'], exclude: [] },
        onWarning: (w) => warnings.push(w),
      }),
    );
    expect(warnings).toEqual([
      'minicov: include pattern "firmware/**" matches none of the 4 files in the report (c/checksum.c, cpp/scale.cpp, shapes/lib.rs, src/main.rs)',
    ]);
  });
  it('fails, naming the patterns, when they leave no file', async () => {
    const error = await writeCoverageReport(
      reportOptions({
        outputDir: join(fixture.workspaceRoot, 'coverage', 'none'),
        patterns: { include: ['firmware/**'], exclude: [] },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmptyCoverageReportError);
    expect((error as Error).message).toContain(
      'include ["firmware/**"] and exclude [] leave none of its 4 files',
    );
    expect(existsSync(join(fixture.workspaceRoot, 'coverage', 'none'))).toBe(false);
  });
});

describe('empty profiles', () => {
  it('rejects a 0-byte profile, naming it', async () => {
    const empty = join(fixture.workspaceRoot, 'empty.profdata');
    writeFileSync(empty, '');
    const error = await writeCoverageReport(
      reportOptions({
        profdata: empty,
        outputDir: join(fixture.workspaceRoot, 'coverage', 'empty'),
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmptyProfileError);
    expect((error as Error).message).toContain(`the profile ${empty} is empty (0 bytes)`);
  });
  it('rejects a valid profile that records no function (instead of reporting 0%)', async () => {
    const text = join(fixture.workspaceRoot, 'nothing.proftext');
    const nothing = join(fixture.workspaceRoot, 'nothing.profdata');
    writeFileSync(text, '');
    run(FIXTURE_TOOLS.llvmProfdata, ['merge', '-o', nothing, text]);
    const error = await writeCoverageReport(
      reportOptions({
        profdata: nothing,
        outputDir: join(fixture.workspaceRoot, 'coverage', 'nothing'),
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmptyProfileError);
    expect((error as Error).message).toContain(
      `the profile ${nothing} records no executed function in ${fixture.binary}`,
    );
    expect(existsSync(join(fixture.workspaceRoot, 'coverage', 'nothing'))).toBe(false);
  });
});
