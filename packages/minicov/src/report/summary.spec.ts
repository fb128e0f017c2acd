import { describe, expect, it } from 'vitest';
import type { LlvmCovSummary } from './llvm-cov-json';
import { coverageCounts, formatCounts, formatSummaryTable, summarizeCoverage } from './summary';

const c = (covered: number, count: number) => ({ covered, count });
const json: LlvmCovSummary = {
  version: '3.1.0',
  files: [
    {
      filename: '/ws/rs/p.rs',
      summary: { lines: c(14, 14), functions: c(3, 3), regions: c(17, 17), branches: c(0, 0) },
    },
    {
      filename: '/ws/app/src/main.c',
      summary: { lines: c(12, 13), functions: c(3, 4), regions: c(6, 7), branches: c(2, 2) },
    },
  ],
  totals: { lines: c(26, 27), functions: c(6, 7), regions: c(23, 24), branches: c(2, 2) },
};

describe('coverageCounts / formatCounts', () => {
  it('computes the percentage', () =>
    expect(coverageCounts(1, 4)).toEqual({ covered: 1, count: 4, percent: 25 }));
  it('nothing to cover counts as 100%', () => expect(coverageCounts(0, 0).percent).toBe(100));
  it('two decimals, rounded as llvm-cov rounds', () => {
    expect(formatCounts(coverageCounts(12, 13))).toBe(' 92.31% (12/13)');
    expect(formatCounts(coverageCounts(2, 3))).toBe(' 66.67% (2/3)');
  });
  it('shows the counts beside a share that rounds to 100.00%', () =>
    expect(formatCounts(coverageCounts(99999, 100000))).toBe('100.00% (99999/100000)'));
  it('full coverage', () => expect(formatCounts(coverageCounts(3, 3))).toBe('100.00% (3/3)'));
  it('nothing to cover', () => expect(formatCounts(coverageCounts(0, 0))).toBe('-'));
});

describe('summarizeCoverage', () => {
  const summary = summarizeCoverage(json, '/ws');
  it('relative paths, sorted', () =>
    expect(summary.files.map((f) => f.file)).toEqual(['app/src/main.c', 'rs/p.rs']));
  it('per-file counts', () =>
    expect(summary.files[0]?.lines).toEqual({ covered: 12, count: 13, percent: (12 / 13) * 100 }));
  it('branches where recorded', () =>
    expect(summary.files[0]?.branches).toEqual({ covered: 2, count: 2, percent: 100 }));
  it('no branches where none were recorded', () =>
    expect(summary.files[1]?.branches).toBeUndefined());
  it('totals from llvm-cov', () =>
    expect(summary.totals.functions).toEqual({ covered: 6, count: 7, percent: (6 / 7) * 100 }));
});

describe('formatSummaryTable', () => {
  it('lays out file, lines, functions, regions, branches and TOTAL', () =>
    expect(formatSummaryTable(summarizeCoverage(json, '/ws'))).toBe(
      [
        'File                      Lines      Functions          Regions       Branches',
        '--------------  ---------------  -------------  ---------------  -------------',
        'app/src/main.c   92.31% (12/13)   75.00% (3/4)     85.71% (6/7)  100.00% (2/2)',
        'rs/p.rs         100.00% (14/14)  100.00% (3/3)  100.00% (17/17)              -',
        '--------------  ---------------  -------------  ---------------  -------------',
        'TOTAL            96.30% (26/27)   85.71% (6/7)   95.83% (23/24)  100.00% (2/2)',
      ].join('\n'),
    ));
  it('has no branches column when no file recorded branches', () => {
    const noBranches: LlvmCovSummary = {
      ...json,
      files: json.files.map((f) => ({ ...f, summary: { ...f.summary, branches: c(0, 0) } })),
      totals: { ...json.totals, branches: c(0, 0) },
    };
    expect(formatSummaryTable(summarizeCoverage(noBranches, '/ws')).split('\n')[0]).toBe(
      'File                      Lines      Functions          Regions',
    );
  });
});
