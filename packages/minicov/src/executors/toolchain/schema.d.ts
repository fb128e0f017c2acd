// Generated from packages/minicov/src/model/step-options.ts: do not edit. Regenerate with
// npx vitest run packages/minicov/src/model/executor-schemas.spec.ts --update=all

/**
 * Options of `minicov:toolchain`. Show the resolved toolchain (tool, path, version, LLVM major,
 * verdict) and fail on any mismatch.
 */
export interface ToolchainExecutorOptions {
  /** The LLVM major every tool must share (the minicov plugin option in nx.json). */
  llvmMajor?: number;
  /** Rust target triple; omitted for the host. */
  target?: string;
  /**
   * How the instrumented program runs: host, qemu, command, test (the library's unit tests) or gdb
   * (under a GDB server, its counters read from memory at the stop symbol).
   */
  runner: 'host' | 'qemu' | 'command' | 'test' | 'gdb';
  /** QEMU machine (-M) for the qemu runner. */
  machine?: string;
  /** The binary target to build and run. */
  bin: string;
  /** Program arguments, one list per run; {profile} and {bin} are expanded. */
  runs: string[][];
  /** The command runner's program and arguments. */
  command?: string[];
  /** Seconds one run may take before it is stopped. */
  timeoutSeconds: number;
  /** The crate's build script compiles C with clang (reads CC and MINICOV_CFLAGS). */
  cModules: boolean;
  /**
   * The coverage chain also builds the library's unit tests for the host, runs them and merges
   * their profile into the same report (package.metadata.minicov.host-tests).
   */
  hostTests: boolean;
  /**
   * A coverage run that exits non-zero but wrote valid profiles keeps them: they are merged, the
   * report is written, and then the report step fails naming the run
   * (package.metadata.minicov.merge-failed-runs).
   */
  mergeFailedRuns: boolean;
  /**
   * Instrumented links add minicov's linker fragment, which places the profile sections in a
   * cortex-m-rt-style link.x layout (package.metadata.minicov.link-fragment).
   */
  linkFragment: boolean;
  /**
   * For the gdb runner: the GDB server to start, program and arguments, with {bin} (the binary) and
   * {port} (the port it must listen on), e.g. ["openocd", "-f", "board.cfg", "-c", "gdb_port
   * {port}"]. Without it, QEMU's machine runs the firmware with its gdbstub.
   */
  gdbServer?: string[];
  /**
   * For the gdb runner: the function whose entry ends a run; the counters are read there (the
   * generated firmware calls minicov_stop when its work is done).
   */
  stopSymbol: string;
  /**
   * Coverage builds with "binary" keep the function records and names out of the image (binary
   * correlation): the device holds only the counters, and the merge reads the rest from the binary.
   * "none" (the default) keeps the full profile in the image. PGO builds always keep it
   * (package.metadata.minicov.correlate).
   */
  correlate: 'none' | 'binary';
}
