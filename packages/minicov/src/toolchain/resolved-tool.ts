// The record every toolchain probe returns: which program, where, which version, which LLVM.

/** The external programs a minicov target can use. */
export type ToolKind = 'rustc' | 'cargo' | 'clang' | 'llvm-profdata' | 'llvm-cov' | 'qemu';

/** One program as found on this machine for this workspace. */
export interface ResolvedTool {
  kind: ToolKind;
  /** Absolute path of the program that actually runs (through rustup proxies, the real binary). */
  path: string;
  /** Its own version, e.g. `1.96.0` for rustc, `22.1.8` for clang, `7.2.15` for QEMU. */
  version: string;
  /** The LLVM major it is built on; absent for tools without LLVM (cargo, QEMU). */
  llvmMajor?: number;
  /** How it was found: an environment variable, rust-toolchain.toml, `clang-22` on PATH, ... */
  foundBy: string;
}
