// Generated from packages/minicov/src/model/step-options.ts: do not edit. Regenerate with
// npx vitest run packages/minicov/src/model/executor-schemas.spec.ts --update=all

/**
 * Options of `minicov:open-report`. Open the HTML coverage report with the desktop's browser
 * (BROWSER when set, else xdg-open, open or start).
 */
export interface OpenReportExecutorOptions {
  /**
   * The project's report target; its outputDir option (in the project's configuration) says where
   * the report is.
   */
  reportTarget: string;
  /**
   * The report's directory, relative to the workspace root, when not the report target's outputDir.
   */
  outputDir?: string;
}
