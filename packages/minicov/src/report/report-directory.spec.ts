// Which report directories are refused, and which a report may replace.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkReportDirectory, REPORT_STAMP_FILE, ReportDirectoryError } from './report-directory';

let root: string;
const check = (dir: string) =>
  checkReportDirectory(root, dir, 'fw:coverage', 'option outputDir of fw:coverage', 'examples/fw');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'minicov-report-dir-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('checkReportDirectory', () => {
  it('takes a new, empty or own directory, as a workspace-relative path', async () => {
    await expect(check('coverage/fw/')).resolves.toBe('coverage/fw');
    mkdirSync(join(root, 'empty'));
    await expect(check('empty')).resolves.toBe('empty');
    mkdirSync(join(root, 'own'));
    writeFileSync(join(root, 'own', 'lcov.info'), '');
    writeFileSync(
      join(root, 'own', REPORT_STAMP_FILE),
      JSON.stringify({ task: 'fw:coverage', profile: 'abc' }),
    );
    await expect(check(join(root, 'own'))).resolves.toBe('own');
  });

  it.each([
    ['../out', 'it is outside the workspace'],
    ['/elsewhere/out', 'it is outside the workspace'],
    ['.', 'the report would replace the whole workspace'],
    ['examples', "the report would replace the project's own directory examples/fw"],
    ['examples/fw', "the report would replace the project's own directory examples/fw"],
    ['dist/minicov/fw', 'it overlaps dist/minicov/, which the build steps and cargo write'],
    ['dist', 'it overlaps dist/minicov/'],
    ['target/report', 'it overlaps target/'],
  ])('refuses %s', async (dir, problem) => {
    const error = await check(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportDirectoryError);
    expect((error as Error).message).toContain(
      `option outputDir of fw:coverage is "${dir}": ${problem}`,
    );
  });

  it("refuses a directory with files but no stamp, or another task's report", async () => {
    mkdirSync(join(root, 'site'));
    writeFileSync(join(root, 'site', 'index.md'), '');
    await expect(check('site')).rejects.toThrow(
      'the directory holds files minicov did not write (index.md), which the report would replace',
    );
    mkdirSync(join(root, 'theirs'));
    writeFileSync(
      join(root, 'theirs', REPORT_STAMP_FILE),
      JSON.stringify({ task: 'other:coverage', profile: 'abc' }),
    );
    writeFileSync(join(root, 'theirs', 'lcov.info'), '');
    await expect(check('theirs')).rejects.toThrow(
      'it holds the report of other:coverage, which this one would replace',
    );
  });
});
