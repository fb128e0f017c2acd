import { describe, expect, it } from 'vitest';
import { MinicovError } from '../errors';
import {
  coverageInputArgs,
  fixFor,
  htmlShowArgs,
  lcovExportArgs,
  summaryExportArgs,
  type CoverageInput,
} from './llvm-cov-export';
import { LlvmCovOutputError, parseLlvmCovSummary } from './llvm-cov-json';

const one: CoverageInput = { profdata: '/p/m.profdata', binaries: ['/b/app'] };
const full: CoverageInput = {
  profdata: '/p/m.profdata',
  binaries: ['/b/app', '/b/test'],
  ignoreRegexes: ['^/ws/runtime/', 'a|b'],
  sources: ['/ws/src'],
};

describe('llvm-cov argument builders', () => {
  it('one binary', () =>
    expect(coverageInputArgs(one)).toEqual(['-instr-profile=/p/m.profdata', '--', '/b/app']));
  it('more binaries, filters and sources', () =>
    expect(coverageInputArgs(full)).toEqual([
      '-instr-profile=/p/m.profdata',
      '-object=/b/test',
      '-ignore-filename-regex=^/ws/runtime/',
      '-ignore-filename-regex=a|b',
      '--',
      '/b/app',
      '/ws/src',
    ]));
  it('no binary is an error', () =>
    expect(() => coverageInputArgs({ profdata: '/p', binaries: [] })).toThrow(MinicovError));
  it('lcov export', () =>
    expect(lcovExportArgs(one)).toEqual([
      'export',
      '-format=lcov',
      '-instr-profile=/p/m.profdata',
      '--',
      '/b/app',
    ]));
  it('JSON summary', () =>
    expect(summaryExportArgs(one)).toEqual([
      'export',
      '-format=text',
      '-summary-only',
      '-instr-profile=/p/m.profdata',
      '--',
      '/b/app',
    ]));
  it('HTML', () =>
    expect(
      htmlShowArgs(one, { outputDir: '/out/html', demangler: '/usr/bin/llvm-cxxfilt-22' }),
    ).toEqual([
      'show',
      '-format=html',
      '-output-dir=/out/html',
      '-show-line-counts-or-regions',
      '-Xdemangler=/usr/bin/llvm-cxxfilt-22',
      '-instr-profile=/p/m.profdata',
      '--',
      '/b/app',
    ]));
});

describe('fixFor', () => {
  it('unreadable profile', () =>
    expect(
      fixFor('error: m.profdata: could not read profile data!No such file or directory'),
    ).toMatch(/llvm-profdata/));
  it('uninstrumented binary', () =>
    expect(fixFor("error: failed to load coverage: 'plain': no coverage data found")).toMatch(
      /-Cinstrument-coverage/,
    ));
  it('missing binary', () =>
    expect(fixFor("error: failed to load coverage: 'nope': No such file or directory")).toMatch(
      /build the binaries/,
    ));
});

const counts = (covered: number, count: number) => ({ count, covered, percent: 0 });
const kinds = {
  lines: counts(12, 13),
  functions: counts(3, 4),
  regions: counts(6, 7),
  branches: counts(2, 2),
  instantiations: counts(3, 4),
};
const valid = {
  type: 'llvm.coverage.json.export',
  version: '3.1.0',
  data: [{ files: [{ filename: '/ws/a.c', summary: kinds }], totals: kinds }],
};
const parse = (value: unknown) =>
  parseLlvmCovSummary(typeof value === 'string' ? value : JSON.stringify(value), 'llvm-cov-22');
const problem = (value: unknown) => {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(LlvmCovOutputError);
    return (error as Error).message;
  }
  throw new Error('expected a LlvmCovOutputError');
};

describe('parseLlvmCovSummary', () => {
  it('keeps the counts it relies on', () =>
    expect(parse(valid)).toEqual({
      version: '3.1.0',
      files: [
        {
          filename: '/ws/a.c',
          summary: {
            lines: { count: 13, covered: 12 },
            functions: { count: 4, covered: 3 },
            regions: { count: 7, covered: 6 },
            branches: { count: 2, covered: 2 },
          },
        },
      ],
      totals: {
        lines: { count: 13, covered: 12 },
        functions: { count: 4, covered: 3 },
        regions: { count: 7, covered: 6 },
        branches: { count: 2, covered: 2 },
      },
    }));
  it('accepts a summary without branches', () =>
    expect(
      parse({
        ...valid,
        version: '2.0.1',
        data: [{ files: [], totals: { ...kinds, branches: undefined } }],
      }).totals.branches,
    ).toBeUndefined());
  it('rejects non-JSON', () => expect(problem('warning: x\n{')).toMatch(/llvm-cov-22 .*not JSON/));
  it('rejects another export type', () =>
    expect(problem({ ...valid, type: 'other' })).toMatch(/"type" is "other"/));
  it('rejects an unknown format major', () =>
    expect(problem({ ...valid, version: '4.0.0' })).toMatch(/version 4\.0\.0/));
  it('rejects several exports', () =>
    expect(problem({ ...valid, data: [] })).toMatch(/exactly one export/));
  it('rejects files that is not an array', () =>
    expect(problem({ ...valid, data: [{ files: {}, totals: kinds }] })).toMatch(
      /files is not an array/,
    ));
  it('rejects a file without a name', () =>
    expect(problem({ ...valid, data: [{ files: [{ summary: kinds }], totals: kinds }] })).toMatch(
      /files\[0\]\.filename/,
    ));
  it('rejects missing counts', () =>
    expect(
      problem({ ...valid, data: [{ files: [], totals: { ...kinds, regions: undefined } }] }),
    ).toMatch(/totals\.regions is not an object/));
  it('rejects fractional counts', () =>
    expect(
      problem({ ...valid, data: [{ files: [], totals: { ...kinds, lines: counts(1.5, 3) } }] }),
    ).toMatch(/lines\.covered is 1\.5/));
  it('rejects covered above count', () =>
    expect(
      problem({ ...valid, data: [{ files: [], totals: { ...kinds, lines: counts(4, 3) } }] }),
    ).toMatch(/covered \(4\) exceeds/));
  it('carries a fix', () =>
    expect(problem({ ...valid, version: '9.0' })).toMatch(
      /fix: use the llvm-cov of the LLVM major/,
    ));
});
