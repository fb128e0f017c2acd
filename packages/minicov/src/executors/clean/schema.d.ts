// Generated from packages/minicov/src/model/step-options.ts: do not edit. Regenerate with
// npx vitest run packages/minicov/src/model/executor-schemas.spec.ts --update=all

/**
 * Options of `minicov:clean`. Remove what minicov's steps wrote for the project (builds, profiles,
 * report), or for the whole workspace.
 */
export interface CleanExecutorOptions {
  /**
   * The project's report target; its outputDir option (in the project's configuration) says where
   * the report is.
   */
  reportTarget: string;
  /**
   * Clean the whole workspace: every crate's minicov build directories and the shared standard
   * library builds.
   */
  workspace?: boolean;
}
