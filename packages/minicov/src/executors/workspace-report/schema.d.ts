// Generated from packages/minicov/src/model/step-options.ts: do not edit. Regenerate with
// npx vitest run packages/minicov/src/model/executor-schemas.spec.ts --update=all

/**
 * Options of `minicov:workspace-report`. Merge every crate's coverage into one workspace report
 * with a per-project breakdown.
 */
export interface WorkspaceReportExecutorOptions {
  /**
   * The crates to merge: name, project root and binary name (and hostTests when their host unit
   * tests ran too, reportDir when their own report is written elsewhere than coverage/<root>).
   */
  members: { name: string; root: string; bin: string; hostTests?: boolean; reportDir?: string }[];
  /** The LLVM major every tool must share (the minicov plugin option in nx.json). */
  llvmMajor?: number;
  /**
   * Report files to write: any of "lcov" (lcov.info), "cobertura" (cobertura.xml), "html"
   * (html/index.html), "json" (summary.json), "codecov" (codecov.json, Codecov's own format).
   * Default: all but "codecov". The summary table is always printed.
   */
  formats?: string[];
  /**
   * Minimum total percentages, 0-100, e.g. { "lines": 80, "functions": 90 }; measures: lines,
   * functions, regions, branches. The step fails, after writing the report, when a total is below
   * its threshold.
   */
  failUnder?: Record<string, number>;
  /**
   * Most uncovered items allowed, by measure, e.g. { "lines": 10, "functions": 0 }; measures:
   * lines, functions, regions, branches. The step fails, after writing the report, when a total
   * leaves more uncovered.
   */
  failUncovered?: Record<string, number>;
  /** Print each file's uncovered line ranges after the table. */
  showMissingLines?: boolean;
  /** Print only the totals, not a row per file (the report files are written whole). */
  summaryOnly?: boolean;
  /**
   * Also print each reported file's source with its execution counts (llvm-cov's text view), before
   * the table.
   */
  text?: boolean;
  /** Glob patterns over workspace-relative paths; only matching files are reported. */
  include?: string[];
  /** Glob patterns over workspace-relative paths; matching files are left out of the report. */
  exclude?: string[];
  /**
   * Where the report is written, relative to the workspace root (default: coverage/<project's
   * root>, and coverage/workspace for the workspace report). It must be new, empty, or this
   * target's own earlier report: it is replaced whole. Nx caches it as the target's output.
   */
  outputDir?: string;
}
