// Codecov's own JSON coverage format (codecov.json) from the report's lcov records.
import type { LcovFile } from './lcov-model';

/** One line's entry: its execution count, or `covered/total` branches for a line that ran but took only some. */
type CodecovLine = number | string;

/**
 * `{ "coverage": { "<file>": { "<line>": hits | "taken/total" } } }`, files as the report names them
 * (workspace-relative), lines in order.
 */
export function formatCodecov(files: readonly LcovFile[]): string {
  const coverage: Record<string, Record<string, CodecovLine>> = {};
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const branchesByLine = new Map<number, { taken: number; total: number }>();
    for (const branch of file.branches) {
      const entry = branchesByLine.get(branch.line) ?? { taken: 0, total: 0 };
      entry.total += 1;
      if ((branch.taken ?? 0) > 0) entry.taken += 1;
      branchesByLine.set(branch.line, entry);
    }
    const lines: Record<string, CodecovLine> = {};
    for (const [line, hits] of [...file.lines].sort(([a], [b]) => a - b)) {
      const branches = branchesByLine.get(line);
      lines[String(line)] =
        hits > 0 && branches && branches.taken < branches.total
          ? `${branches.taken}/${branches.total}`
          : hits;
    }
    coverage[file.path] = lines;
  }
  return `${JSON.stringify({ coverage }, null, 2)}\n`;
}
