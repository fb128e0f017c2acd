// What cargo/ needs to know of a crate to build it: plain data, so a build never reaches up to an executor's context.

/** The crate, its settings and the checked tools a build is resolved from (a step's context has this shape). */
export interface CrateBuildInput {
  workspaceRoot: string;
  projectName: string;
  /** Workspace-relative project root. */
  projectRoot: string;
  llvmMajor: number;
  options: {
    runner: string;
    bin: string;
    target?: string;
    machine?: string;
    linkFragment?: boolean;
    correlate?: 'none' | 'binary';
    gdbServer?: string[];
  };
  toolchain: {
    rustc: {
      path: string;
      version: string;
      sysroot: string;
      prebuiltTargets: readonly string[];
      details: { host: string };
    };
    cargo: { path: string };
    clang?: { path: string };
  };
}
