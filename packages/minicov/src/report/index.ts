// The report module's public API, for the `report` executor.
export {
  writeCoverageReport,
  EmptyCoverageReportError,
  type WriteCoverageReportOptions,
} from './write-report';
export {
  formatSummaryTable,
  type CoverageSummary,
  type CoverageCounts,
  type CoverageCountsByKind,
  type FileCoverage,
} from './summary';
export { LlvmCovFailedError, type WarningSink } from './llvm-cov-export';
export { LlvmCovOutputError } from './llvm-cov-json';
