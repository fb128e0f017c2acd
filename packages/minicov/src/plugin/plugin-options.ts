// Options a workspace sets for the plugin in nx.json (`plugins: [{ plugin: "minicov", options }]`).

/** The plugin's options; `llvmMajor` is the workspace's LLVM pin, the rest rename what the plugin infers. */
export interface MinicovPluginOptions {
  /** The LLVM major rustc, clang, the runtime and the LLVM tools must all share, e.g. 22. */
  llvmMajor?: number;
  /**
   * The coverage chain's target (default `coverage`); its steps are `<name>-build`, `<name>-run`, `<name>-merge`, and
   * `<name>-open` opens its HTML report.
   */
  coverageTargetName?: string;
  /** The PGO chain's target (default `pgo`); its steps are `<name>-build`, `<name>-run`, `<name>-merge`. */
  pgoTargetName?: string;
  /** The target that shows and checks the toolchain (default `toolchain`). */
  toolchainTargetName?: string;
  /** The root project's name (default: the root package.json's name, else `workspace`). */
  workspaceProjectName?: string;
  /** The root project's workspace report target (default `coverage-report`; `<name>-open` opens it). */
  workspaceReportTargetName?: string;
  /** The target that removes what minicov wrote, on each crate and the root project (default `minicov-clean`). */
  cleanTargetName?: string;
}
