// The report's normalized summary (workspace-relative paths, per-file and total counts) and its terminal table.
import type { LlvmCovCounts, LlvmCovCountsByKind, LlvmCovSummary } from './llvm-cov-json';
import type { LineRange } from './missing-lines';
import { formatPercent, percentOf } from './percent';
import { workspaceRelative } from './source-filter';

/**
 * Covered out of count, and the percentage (100 when there is nothing to cover, so empty kinds never fail a threshold).
 */
export interface CoverageCounts {
  covered: number;
  count: number;
  percent: number;
}

/** Counts for one file or for the whole report; `branches` only when branch coverage was recorded (count > 0). */
export interface CoverageCountsByKind {
  lines: CoverageCounts;
  functions: CoverageCounts;
  regions: CoverageCounts;
  branches?: CoverageCounts;
}

/** One source file of the report; `file` is relative to the workspace root with `/` separators. */
export interface FileCoverage extends CoverageCountsByKind {
  file: string;
  /** Inclusive ranges of lines that never ran (filled in from the lcov export). */
  uncoveredLines?: LineRange[];
}

/** What `summary.json` holds: the files sorted by path, and the totals llvm-cov computed over them. */
export interface CoverageSummary {
  files: FileCoverage[];
  totals: CoverageCountsByKind;
}

/** Builds one CoverageCounts from covered/count. */
export function coverageCounts(covered: number, count: number): CoverageCounts {
  return { covered, count, percent: percentOf(covered, count) };
}

/** Normalizes a validated llvm-cov JSON summary: relative paths, recomputed percentages, branches only when present. */
export function summarizeCoverage(json: LlvmCovSummary, workspaceRoot: string): CoverageSummary {
  const files = json.files
    .map((entry) => ({
      file: workspaceRelative(entry.filename, workspaceRoot) ?? entry.filename,
      ...byKind(entry.summary),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, totals: byKind(json.totals) };
}

function byKind(counts: LlvmCovCountsByKind): CoverageCountsByKind {
  const convert = (c: LlvmCovCounts): CoverageCounts => coverageCounts(c.covered, c.count);
  const result: CoverageCountsByKind = {
    lines: convert(counts.lines),
    functions: convert(counts.functions),
    regions: convert(counts.regions),
  };
  if (counts.branches && counts.branches.count > 0) result.branches = convert(counts.branches);
  return result;
}

/** `92.31% (12/13)`: the percentage with two decimals, as llvm-cov prints it; `-` for nothing to cover. */
export function formatCounts(counts: CoverageCounts): string {
  if (counts.count === 0) return '-';
  return `${formatPercent(counts.percent).padStart(6)}% (${counts.covered}/${counts.count})`;
}

/**
 * A plain-text table for the terminal: file (or `firstColumn`), lines, functions, regions, branches (when recorded),
 * with a TOTAL row.
 */
export function formatSummaryTable(summary: CoverageSummary, firstColumn = 'File'): string {
  const withBranches = summary.totals.branches !== undefined;
  const row = (name: string, c: CoverageCountsByKind): string[] => [
    name,
    formatCounts(c.lines),
    formatCounts(c.functions),
    formatCounts(c.regions),
    ...(withBranches ? [c.branches ? formatCounts(c.branches) : '-'] : []),
  ];
  const header = [
    firstColumn,
    'Lines',
    'Functions',
    'Regions',
    ...(withBranches ? ['Branches'] : []),
  ];
  const body = summary.files.map((f) => row(f.file, f));
  const total = row('TOTAL', summary.totals);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...[...body, total].map((r) => (r[i] ?? '').length)),
  );
  const render = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [render(header), rule, ...body.map(render), rule, render(total)].join('\n');
}
