// Options a workspace sets for the plugin in nx.json (`plugins: [{ plugin: "minicov", options }]`).

/** The plugin's options; `llvmMajor` is the workspace's LLVM pin. */
export interface MinicovPluginOptions {
  /** The LLVM major rustc, clang, the runtime and the LLVM tools must all share, e.g. 22. */
  llvmMajor?: number;
}
