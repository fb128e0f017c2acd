// Which tools a target will use, so the resolver checks exactly those and nothing else.

/** What a project's targets need from the toolchain. */
export interface ToolchainNeeds {
  /** Rust target triple, or undefined for the host. */
  target?: string;
  /** The crate compiles C modules with clang. */
  cModules: boolean;
  /** Runs under qemu-system-<arch>. */
  qemuArch?: string;
  /** Reads profiles (llvm-profdata) and coverage mappings (llvm-cov). */
  profdata: boolean;
  cov: boolean;
}

/** True when `target` is not the host: the crate builds `core` itself or needs prebuilt target libraries. */
export function isCrossTarget(target: string | undefined, host: string): boolean {
  return target !== undefined && target !== host;
}
