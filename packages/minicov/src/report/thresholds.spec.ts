import { describe, expect, it } from 'vitest';
import { coverageCounts, type CoverageCountsByKind } from './summary';
import {
  CoverageBelowThresholdError,
  enforceThresholds,
  enforceUncoveredLimits,
  TooMuchUncoveredError,
  thresholdMisses,
  warnUnmeasuredThresholds,
} from './thresholds';

const totals: CoverageCountsByKind = {
  lines: coverageCounts(799, 1000),
  functions: coverageCounts(9, 10),
  regions: coverageCounts(0, 0),
};

describe('thresholds', () => {
  it('passes at or over the threshold', () =>
    expect(thresholdMisses(totals, { functions: 90, lines: 79.9 })).toEqual([]));
  it('fails under it, naming the measure, the value and the threshold', () => {
    expect(() =>
      enforceThresholds(
        totals,
        { lines: 80, functions: 95 },
        'fw',
        'the failUnder option of fw:coverage',
      ),
    ).toThrow(CoverageBelowThresholdError);
    expect(() =>
      enforceThresholds(
        totals,
        { lines: 80, functions: 95 },
        'fw',
        'the failUnder option of fw:coverage',
      ),
    ).toThrow(
      'coverage of fw is below its thresholds:\n    lines 79.90% (799/1000) is below failUnder.lines 80%\n    functions 90.00% (9/10) is below failUnder.functions 95%',
    );
  });
  it('never reads 79.996% as 80.00%', () =>
    expect(() =>
      enforceThresholds(
        { ...totals, lines: coverageCounts(79996, 100000) },
        { lines: 80 },
        'fw',
        'x',
      ),
    ).toThrow('lines 79.996% (79996/100000)'));
  it('passes a share exactly at the threshold, however the division rounds', () =>
    expect(() =>
      enforceThresholds({ ...totals, lines: coverageCounts(29, 100) }, { lines: 29 }, 'fw', 'x'),
    ).not.toThrow());
  it('tells what to do', () =>
    expect(() =>
      enforceThresholds(totals, { lines: 100 }, 'fw', 'the failUnder option of fw:coverage'),
    ).toThrow(
      'fix: cover more code (showMissingLines lists what is not covered), or lower the failUnder option of fw:coverage',
    ));
  it('never fails a measure with nothing to measure, and warns about it', () => {
    expect(thresholdMisses(totals, { regions: 100, branches: 100 })).toEqual([]);
    expect(
      warnUnmeasuredThresholds(totals, { regions: 100, branches: 50, lines: 10 }, 'fw:coverage'),
    ).toEqual([
      'minicov: failUnder.regions of fw:coverage is not checked: the report has no regions to measure',
      'minicov: failUnder.branches of fw:coverage is not checked: the report has no branches to measure',
    ]);
  });
});

describe('failUncovered', () => {
  const totals = {
    lines: coverageCounts(386, 434),
    functions: coverageCounts(56, 65),
    regions: coverageCounts(568, 639),
  };
  it('passes while every total leaves at most its limit uncovered', () =>
    expect(() =>
      enforceUncoveredLimits(totals, { lines: 48, functions: 9 }, 'fw', 'x'),
    ).not.toThrow());
  it('fails naming each measure, how much it leaves uncovered and its limit', () =>
    expect(() =>
      enforceUncoveredLimits(totals, { lines: 10, functions: 0, regions: 100 }, 'fw', 'the limit'),
    ).toThrow(
      new TooMuchUncoveredError(
        'coverage of fw leaves more uncovered than its limits allow:\n    lines: 48 uncovered (386/434 covered), more than failUncovered.lines 10\n    functions: 9 uncovered (56/65 covered), more than failUncovered.functions 0',
        'cover more code (showMissingLines lists what is not covered), or raise the limit',
      ),
    ));
  it('never fails on a measure the build did not record', () =>
    expect(() => enforceUncoveredLimits(totals, { branches: 0 }, 'fw', 'x')).not.toThrow());
});
