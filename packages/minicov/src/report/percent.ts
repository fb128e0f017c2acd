// Percentages as llvm-cov prints them (two decimals, the C library's rounding), and exact comparisons with thresholds.

/** The share `covered / count` as a percentage, computed as llvm-cov computes it. */
export function percentOf(covered: number, count: number): number {
  return count === 0 ? 100 : (covered / count) * 100;
}

/**
 * `percent` with `decimals` decimals as printf's `%.*f` writes it: to the nearest, and a value exactly halfway (such as
 * 12.125, which a double holds exactly) to the even digit. JavaScript's toFixed would round such a value up.
 */
export function formatPercent(percent: number, decimals = 2): string {
  const rounded = percent.toFixed(decimals);
  // The double's exact decimal expansion (up to 100 digits): a tie is a 5 followed only by zeros.
  const exact = percent.toFixed(Math.min(100, decimals + 60));
  const rest = exact.slice(exact.indexOf('.') + 1 + decimals);
  if (!/^50*$/.test(rest)) return rounded;
  const truncated = exact.slice(0, exact.length - rest.length).replace(/\.$/, '');
  const lastDigit = Number(truncated[truncated.length - 1]);
  return lastDigit % 2 === 0 ? truncated : rounded;
}

/** Whether `covered / count` reaches `threshold` percent, decided on the exact counts (no rounding of the share). */
export function reaches(covered: number, count: number, threshold: number): boolean {
  return count === 0 || covered * 100 >= threshold * count;
}

/**
 * `percent` written so that a value below `threshold` never reads as reaching it: two decimals, more when two would
 * round up to the threshold (79.996 against 80 reads 79.996, not 80.00).
 */
export function formatPercentBelow(percent: number, threshold: number): string {
  for (let decimals = 2; decimals < 10; decimals += 1) {
    const text = formatPercent(percent, decimals);
    if (Number(text) < threshold) return text;
  }
  return formatPercent(percent, 10);
}
