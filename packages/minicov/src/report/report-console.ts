// What a report step prints: the summary table, the uncovered lines when asked, and where the files went.
import { join } from 'node:path';
import { formatRanges } from './missing-lines';
import type { ReportFormat } from '../model/report-settings';
import { formatSummaryTable, type CoverageSummary } from './summary';
import { REPORT_FILES } from './write-report';

/** `Missing lines` section: one line per file that has uncovered lines (none when everything ran). */
export function formatMissingLines(summary: CoverageSummary): string {
  const rows = summary.files.filter((f) => (f.uncoveredLines ?? []).length > 0);
  if (rows.length === 0) return 'Missing lines: none, every instrumented line ran';
  const width = Math.max(...rows.map((f) => f.file.length));
  return [
    'Missing lines:',
    ...rows.map((f) => `  ${f.file.padEnd(width)}  ${formatRanges(f.uncoveredLines ?? [])}`),
  ].join('\n');
}

/** How each format is named where the step lists its files. */
const FORMAT_LABELS: Readonly<Record<ReportFormat, string>> = {
  lcov: 'lcov',
  cobertura: 'Cobertura',
  html: 'HTML',
  json: 'JSON summary',
  codecov: 'Codecov JSON',
};

/** One line naming each written file, e.g. `minicov: lcov coverage/fw/lcov.info, HTML coverage/fw/html/index.html`. */
export function formatWrittenFiles(outputDir: string, formats: readonly ReportFormat[]): string {
  return `minicov: ${formats.map((format) => `${FORMAT_LABELS[format]} ${join(outputDir, REPORT_FILES[format])}`).join(', ')}`;
}

/** The summary table (the totals alone with `summaryOnly`), then the missing lines when `showMissingLines` is set. */
export function formatReportConsole(
  summary: CoverageSummary,
  showMissingLines: boolean,
  firstColumn = 'File',
  summaryOnly = false,
): string {
  const table = formatSummaryTable(summaryOnly ? { ...summary, files: [] } : summary, firstColumn);
  return showMissingLines ? `${table}\n\n${formatMissingLines(summary)}` : table;
}
