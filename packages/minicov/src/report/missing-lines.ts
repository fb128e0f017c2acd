// Uncovered line ranges of a file: consecutive uncovered lines, joined across blank lines and comments.

/** An inclusive range of line numbers. */
export type LineRange = [first: number, last: number];

/**
 * Whether a source line holds nothing that runs: blank, a comment, or only braces and punctuation. Anything else
 * without a count (an attribute, inline assembly, a `static` table) may have run: a range never spans it.
 */
export function holdsNoCode(text: string): boolean {
  const line = text.trim();
  return line === '' || /^(\/\/|\/\*|\*)/.test(line) || /^[{}()[\];,]+$/.test(line);
}

/**
 * The ranges of lines with count 0. Two uncovered lines belong to one range when every line between them holds no
 * code in `source` (the file's lines; without it, only adjacent lines join).
 */
export function uncoveredRanges(
  lines: ReadonlyMap<number, number>,
  source?: readonly string[],
): LineRange[] {
  const ranges: LineRange[] = [];
  let open: LineRange | undefined;
  const bridges = (from: number, to: number): boolean => {
    for (let line = from + 1; line < to; line += 1) {
      const text = source?.[line - 1];
      if (text === undefined || !holdsNoCode(text)) return false;
    }
    return true;
  };
  for (const [line, count] of [...lines].sort(([a], [b]) => a - b)) {
    if (count > 0) {
      open = undefined;
    } else if (open && bridges(open[1], line)) {
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
