import { describe, expect, it } from 'vitest';
import { formatPercent, formatPercentBelow, percentOf, reaches } from './percent';

describe('formatPercent', () => {
  // Each expected text is what C's printf('%.2f') writes for the double (recorded with Python's '%.2f' % value, which
  // formats doubles as glibc does; bash's printf reads long doubles, which differ).
  it.each([
    [12.125, '12.12'], // a double exactly halfway: to the even digit
    [0.625, '0.62'],
    [12.135, '12.13'], // 12.13499999999999978… as a double: to the nearest
    [99.995, '100.00'], // 99.99500000000000454…
    [66.66666, '66.67'],
    [100, '100.00'],
    [0, '0.00'],
  ])('%d reads %s, as llvm-cov prints it', (value, text) =>
    expect(formatPercent(value)).toBe(text),
  );

  it('rounds a tie to the even digit at any number of decimals', () => {
    expect([formatPercent(12.5, 0), formatPercent(13.5, 0)]).toEqual(['12', '14']);
  });

  it('computes the share as llvm-cov does', () => {
    expect(formatPercent(percentOf(2, 3))).toBe('66.67');
    expect(formatPercent(percentOf(9999, 10000))).toBe('99.99');
    expect(percentOf(0, 0)).toBe(100);
  });
});

describe('thresholds on exact counts', () => {
  it('reaches a threshold the share equals, however the division rounds', () => {
    // 29 / 100 * 100 is 28.999999999999996 as a double.
    expect(percentOf(29, 100) >= 29).toBe(false);
    expect(reaches(29, 100, 29)).toBe(true);
    expect(reaches(7996, 10000, 80)).toBe(false);
    expect(reaches(0, 0, 100)).toBe(true);
  });

  it('never shows a share below the threshold as reaching it', () => {
    expect(formatPercentBelow(percentOf(7996, 10000), 80)).toBe('79.96');
    expect(formatPercentBelow(percentOf(79996, 100000), 80)).toBe('79.996');
    expect(formatPercentBelow(percentOf(9, 10), 95)).toBe('90.00');
  });
});
