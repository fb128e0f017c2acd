// The HTML report of the fixture program as a person sees it: opened in headless Chromium, read from the rendered page.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../tools/testing/cargo';
import {
  buildReportFixture,
  fixtureReportInput,
  type ReportFixture,
} from '../../../../tools/testing/report-fixture';
import { parseLcov, type LcovFile } from './lcov-model';
import type { CoverageCounts, CoverageSummary } from './summary';
import { writeCoverageReport } from './write-report';

/** Debian's Chromium (package `chromium`); Playwright drives it, no browser download. */
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (dist/ is ignored by git) for a person to look at after the run. */
const ARTIFACTS = join(repoRoot, 'dist', 'test-artifacts', 'html-report');

/** The few DOM members the page functions below use (this spec compiles without the DOM library). */
interface PageRow {
  cells: ArrayLike<{ innerText: string }>;
}
interface PageGlobals {
  getComputedStyle(element: unknown): { color: string };
  next_line?: unknown;
}

let fixture: ReportFixture;
let summary: CoverageSummary;
let lcov: LcovFile[];
let indexUrl: string;
let browser: Browser;
let page: Page;

/** Fails the whole file with the fix when the browser is not installed. */
function requireChromium(): void {
  if (existsSync(CHROMIUM)) return;
  throw new Error(
    `${CHROMIUM} not found: the HTML report test needs Debian's Chromium. Install the Debian package "chromium" ` +
      '(apt-get install chromium, or run tools/setup.sh, which installs everything in tools/debian-packages.txt)',
  );
}

/** Every row of the page's tables as the browser renders it: each cell's innerText (hidden tooltips left out). */
function renderedRows(): Promise<string[][]> {
  return page
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as unknown as PageRow).cells).map((cell) => cell.innerText.trim()),
      ),
    );
}

/** llvm-cov's rendering of one measure in the index: `  83.33% (10/12)`. */
const shownCounts = (counts: CoverageCounts): string =>
  `${counts.percent.toFixed(2)}% (${counts.covered}/${counts.count})`;

/** The row of the file page whose source is `sourceLine` (the first line of its code cell, without branch notes). */
function rowOfSource(rows: string[][], sourceLine: string): string[] {
  const matches = rows.filter(
    (cells) => cells.length === 3 && cells[2]?.split('\n')[0]?.trim() === sourceLine.trim(),
  );
  expect(matches, `rows showing ${JSON.stringify(sourceLine)}`).toHaveLength(1);
  return matches[0] as string[];
}

/** The 1-based line number of `text` in the fixture's source file `file`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(join(fixture.workspaceRoot, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.trim() === text);
  expect(index, `${text} in ${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** Opens the index, follows the link named `file`, and waits for that file's page. */
async function openFilePage(file: string): Promise<void> {
  await page.goto(indexUrl);
  await page.getByRole('link', { name: file, exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/coverage/${file}.html`));
}

/** Saves a full-page screenshot as a test artifact and prints where it went. */
async function saveScreenshot(name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  expect(readFileSync(path).subarray(1, 4).toString('latin1'), `${path} is a PNG`).toBe('PNG');
  console.log(`screenshot: ${path}`);
  return path;
}

beforeAll(async () => {
  requireChromium();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  fixture = buildReportFixture();
  const outputDir = join(fixture.workspaceRoot, 'coverage', 'fixture');
  summary = await writeCoverageReport({
    ...fixtureReportInput(fixture, outputDir),
    formats: ['html', 'lcov'],
  });
  lcov = parseLcov(readFileSync(join(outputDir, 'lcov.info'), 'utf8'), 'lcov.info');
  indexUrl = pathToFileURL(join(outputDir, 'html', 'index.html')).href;
  // Playwright passes --no-sandbox itself (its chromiumSandbox option is off by default), which running as root needs.
  browser = await chromium.launch({ executablePath: CHROMIUM });
  page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  if (fixture) rmSync(dirname(fixture.workspaceRoot), { recursive: true, force: true });
});

describe('the index page', () => {
  it("lists the fixture's files, each with the summary's line, function and branch coverage", async () => {
    await page.goto(indexUrl);
    const rows = await renderedRows();
    const header = rows[0] ?? [];
    const column = (title: string): number => {
      const at = header.indexOf(title);
      expect(at, `column "${title}" in ${JSON.stringify(header)}`).toBeGreaterThan(0);
      return at;
    };
    const [lines, functions, branches] = [
      column('Line Coverage'),
      column('Function Coverage'),
      column('Branch Coverage'),
    ];
    const linked = await page.getByRole('row').getByRole('link').allInnerTexts();
    expect(linked).toEqual(['c/checksum.c', 'cpp/scale.cpp', 'shapes/lib.rs', 'src/main.rs']);
    expect(linked).toEqual(summary.files.map((f) => f.file));
    for (const file of summary.files) {
      const row = rows.find((cells) => cells[0] === file.file) ?? [];
      expect(row[lines], `${file.file} line coverage`).toBe(shownCounts(file.lines));
      expect(row[functions], `${file.file} function coverage`).toBe(shownCounts(file.functions));
      expect(row[branches], `${file.file} branch coverage`).toBe(
        file.branches ? shownCounts(file.branches) : '- (0/0)',
      );
    }
    const totals = rows.find((cells) => cells[0] === 'Totals') ?? [];
    expect(totals[lines]).toBe(shownCounts(summary.totals.lines));
    await saveScreenshot('index.png');
  });
});

describe("src/main.rs's page, opened from its link in the index", () => {
  let rows: string[][];
  beforeAll(async () => {
    await openFilePage('src/main.rs');
    rows = await renderedRows();
  });
  const counts = (): Map<number, number> =>
    lcov.find((f) => f.path === 'src/main.rs')?.lines ?? new Map();

  it('names the file', async () =>
    expect(await page.locator('.source-name-title').innerText()).toBe('src/main.rs'));

  it('shows the loop in main as covered, with its count', () => {
    const source = 'for n in [-1, 5, 7, 0] {';
    const [number, count] = rowOfSource(rows, source);
    expect(Number(number)).toBe(lineOf('src/main.rs', source));
    expect(Number(count)).toBeGreaterThan(0);
    expect(Number(count)).toBe(counts().get(Number(number)));
  });

  it('shows the body of never_called as uncovered, with count 0', () => {
    const source = 'total += i;';
    const [number, count] = rowOfSource(rows, source);
    expect(Number(number)).toBe(lineOf('src/main.rs', source));
    expect(count).toBe('0');
    expect(counts().get(Number(number))).toBe(0);
  });

  it('draws covered and uncovered counts in different colours (its stylesheet and script load from the relocated page)', async () => {
    const colour = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((cell) => (globalThis as unknown as PageGlobals).getComputedStyle(cell).color);
    expect(await colour('td.uncovered-line')).not.toBe(await colour('td.covered-line'));
    expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).next_line)).toBe(
      'function',
    );
    await saveScreenshot('src-main.rs.png');
  });
});

describe('branch annotations', () => {
  /** The `Branch (line:col): [True: t, False: f]` notes under each source line, as [line, true, false]. */
  const shownBranches = (rows: string[][]): number[][] =>
    rows.flatMap((cells) =>
      [...(cells[2] ?? '').matchAll(/Branch \((\d+):\d+\): \[True: (\d+), False: (\d+)\]/g)].map(
        (m) => [m[1], m[2], m[3]].map(Number),
      ),
    );
  /**
   * lcov's BRDA records of `file`, one entry per branch (its line and block):
   * [line, taken when true, taken when false].
   */
  const lcovBranches = (file: string): number[][] => {
    const byBranch = new Map<string, number[]>();
    for (const record of lcov.find((f) => f.path === file)?.branches ?? []) {
      const key = `${record.line}:${record.block}`;
      byBranch.set(key, [...(byBranch.get(key) ?? [record.line]), record.taken ?? 0]);
    }
    return [...byBranch.values()];
  };

  it.each(['src/main.rs', 'c/checksum.c'])(
    '%s shows every branch with the counts lcov records',
    async (file) => {
      await openFilePage(file);
      const shown = shownBranches(await renderedRows());
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual(lcovBranches(file));
      expect(await page.locator('.expansion-view').first().isVisible()).toBe(true);
    },
  );

  it("src/main.rs marks the branch that never went one way: main's `if` on the argument count", async () => {
    await openFilePage('src/main.rs');
    const source = 'if std::env::args().count() > 5 {';
    const [number, , code] = rowOfSource(await renderedRows(), source);
    expect(Number(number)).toBe(lineOf('src/main.rs', source));
    expect(code).toMatch(
      new RegExp(`Branch \\(${number}:\\d+\\): \\[True: 0, False: [1-9]\\d*\\]`),
    );
  });
});
