// Where each step writes its declared outputs, relative to the workspace root (the same for createNodes and executors).
import { join } from 'node:path';

/** The two user-facing chains; each keeps its builds, profiles and results apart. */
export type Chain = 'coverage' | 'pgo';

/** Every output location of one project's chain, relative to the workspace root. */
export interface ChainPaths {
  /** The instrumented binary and its build record. */
  build: string;
  /** One directory per run, each with the .profraw files that run wrote. */
  profiles: string;
  /** The merged, indexed profile. */
  merged: string;
  /** The coverage report (lcov, HTML, summary) or the optimized binary. */
  result: string;
  /** Cargo's own build directory for this chain (not an Nx output: cargo manages it). */
  cargoTargetDir: string;
  /** Cargo's build directory for the library's host unit tests (`host-tests`), kept apart: other flags, other target. */
  hostTestsCargoTargetDir: string;
}

/** The run directory, inside `profiles`, of the library's host unit tests (the configured runs are `run-<n>`). */
export const HOST_TESTS_RUN_DIR = 'host-tests';

/** The host unit-test executable's name in the build output, beside the program `bin`. */
export function hostTestsBinaryName(bin: string): string {
  return `${bin}-host-tests`;
}

/** The output layout for `projectRoot`'s `chain`. */
export function chainPaths(projectRoot: string, projectName: string, chain: Chain): ChainPaths {
  const base = join('dist', 'minicov', projectRoot, chain);
  return {
    build: join(base, 'build'),
    profiles: join(base, 'profiles'),
    merged: join(base, 'merged.profdata'),
    result: chain === 'coverage' ? join('coverage', projectRoot) : join(base, 'optimized'),
    cargoTargetDir: join('target', 'minicov', projectName, chain),
    hostTestsCargoTargetDir: join('target', 'minicov', projectName, `${chain}-host-tests`),
  };
}
