import { describe, expect, it } from 'vitest';
import { formatRanges, uncoveredRanges } from './missing-lines';

const lines = (entries: [number, number][]) => new Map(entries);

describe('uncoveredRanges', () => {
  it('is empty when every line ran', () =>
    expect(
      uncoveredRanges(
        lines([
          [1, 1],
          [2, 5],
        ]),
      ),
    ).toEqual([]));
  it('joins consecutive uncovered lines', () =>
    expect(
      uncoveredRanges(
        lines([
          [1, 1],
          [2, 0],
          [3, 0],
          [4, 0],
          [5, 2],
        ]),
      ),
    ).toEqual([[2, 4]]));
  it('joins across lines with no code, not across covered lines', () =>
    expect(
      uncoveredRanges(
        lines([
          [10, 0],
          [14, 0],
          [15, 3],
          [16, 0],
          [20, 0],
        ]),
      ),
    ).toEqual([
      [10, 14],
      [16, 20],
    ]));
  it('sorts lines given out of order', () =>
    expect(
      uncoveredRanges(
        lines([
          [7, 0],
          [3, 0],
          [5, 1],
        ]),
      ),
    ).toEqual([
      [3, 3],
      [7, 7],
    ]));
});

describe('formatRanges', () => {
  it('writes single lines and ranges', () =>
    expect(
      formatRanges([
        [2, 4],
        [9, 9],
      ]),
    ).toBe('2-4, 9'));
  it('writes nothing for no ranges', () => expect(formatRanges([])).toBe(''));
});
