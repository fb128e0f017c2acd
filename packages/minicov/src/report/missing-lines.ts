// Uncovered line ranges of a file: consecutive uncovered lines, joined across lines that hold no code.

/** An inclusive range of line numbers. */
export type LineRange = [first: number, last: number];

/**
 * The ranges of lines with count 0. Two uncovered lines belong to one range when no covered line lies
 * between them (lines that are not instrumented, such as blank lines and comments, do not split a range).
 */
export function uncoveredRanges(lines: ReadonlyMap<number, number>): LineRange[] {
  const ranges: LineRange[] = [];
  let open: LineRange | undefined;
  for (const [line, count] of [...lines].sort(([a], [b]) => a - b)) {
    if (count > 0) {
      open = undefined;
    } else if (open) {
      open[1] = line;
    } else {
      open = [line, line];
      ranges.push(open);
    }
  }
  return ranges;
}

/** `12-14, 20`: ranges as a person reads them. */
export function formatRanges(ranges: readonly LineRange[]): string {
  return ranges
    .map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`))
    .join(', ');
}
