// Where every step writes, relative to the workspace root, for each crate's chains and the workspace report.
import { join } from 'node:path';

/** The two user-facing chains; each keeps its builds, profiles and results apart. */
export const CHAINS = ['coverage', 'pgo'] as const;

/** One of the two user-facing chains. */
export type Chain = (typeof CHAINS)[number];

/** Every output location of one project's chain, relative to the workspace root. */
export interface ChainPaths {
  /** The instrumented binary and its build record. */
  build: string;
  /** One directory per run, each with the .profraw files that run wrote. */
  profiles: string;
  /** Profiles that failed their checks, kept for inspection (one directory per run, as in `profiles`). */
  rejectedProfiles: string;
  /** The merged, indexed profile. */
  merged: string;
  /** The coverage report (lcov, HTML, summary) or the optimized binary. */
  result: string;
  /** Cargo's own build directory for this chain (not an Nx output: cargo manages it). */
  cargoTargetDir: string;
  /** Cargo's build directory for the library's host unit tests (`host-tests`): other flags, other target. */
  hostTestsCargoTargetDir: string;
  /** Cargo's build directory for the pgo chain's optimized build (`-Cprofile-use`), apart from the training build. */
  profileUseCargoTargetDir: string;
  /** Cargo's build directory for the crate as it ships, which the cost report compares (shared by both chains). */
  plainCargoTargetDir: string;
}

/** The names inside a chain's directory `dist/minicov/<root>/<chain>/`. */
const CHAIN_ENTRIES = {
  build: 'build',
  profiles: 'profiles',
  rejectedProfiles: 'profiles-rejected',
  merged: 'merged.profdata',
  optimized: 'optimized',
} as const;

/** The directory name, under `dist/minicov/` and `coverage/`, of the workspace report. */
const WORKSPACE_REPORT_DIR = 'workspace';

/** The root project's outputs: the workspace report, and the merged profile it is written from. */
export const WORKSPACE_REPORT_PATHS = {
  /** The report (lcov, Cobertura, HTML, summary). */
  result: join('coverage', WORKSPACE_REPORT_DIR),
  /** The directory of its intermediate files. */
  dist: join('dist', 'minicov', WORKSPACE_REPORT_DIR),
  /** Every crate's merged coverage profile, merged again. */
  merged: join('dist', 'minicov', WORKSPACE_REPORT_DIR, CHAIN_ENTRIES.merged),
} as const;

/** The stand-in for a crate at the workspace root ('.'), whose outputs would otherwise hold every other project's. */
export const WORKSPACE_ROOT_CRATE_DIR = '_root';

/**
 * The directory, under `dist/minicov/` and `coverage/`, of the project at `projectRoot`: the root itself, except where
 * it would collide with another project's outputs. Then one `_` is prepended to a path segment, which keeps every
 * root's directory distinct (roots already spelt with the added `_` get one more):
 * - the workspace root '.' is `_root`, and a first segment `_root`, `__root`, ... gets one more `_`;
 * - a first segment `workspace` (the workspace report's directory), `_workspace`, ... gets one more `_`;
 * - a segment named as a chain's entry (`build`, `profiles`, `profiles-rejected`, `merged.profdata`, `optimized`,
 *   or those with leading `_`) after a segment `coverage` or `pgo` that is not the first: so a crate nested at
 *   `<root>/coverage/build` never writes inside the outputs of a crate at `<root>`.
 */
export function projectOutputDir(projectRoot: string): string {
  if (projectRoot === '.' || projectRoot === '') return WORKSPACE_ROOT_CRATE_DIR;
  const segments = projectRoot.split('/');
  const entries = Object.values(CHAIN_ENTRIES).join('|').replace(/\./g, '\\.');
  const chainEntry = new RegExp(`^_*(?:${entries})$`);
  const firstReserved = new RegExp(
    `^_*${WORKSPACE_REPORT_DIR}$|^_+${WORKSPACE_ROOT_CRATE_DIR.slice(1)}$`,
  );
  return segments
    .map((segment, index) => {
      const reserved =
        index === 0
          ? firstReserved.test(segment)
          : index >= 2 &&
            (CHAINS as readonly string[]).includes(segments[index - 1] as string) &&
            chainEntry.test(segment);
      return reserved ? `_${segment}` : segment;
    })
    .join('/');
}

/** The output layout of the project `projectName` at `projectRoot` for `chain`. */
export function chainPaths(projectRoot: string, projectName: string, chain: Chain): ChainPaths {
  const dir = projectOutputDir(projectRoot);
  const base = join('dist', 'minicov', dir, chain);
  const cargo = join('target', 'minicov', projectName);
  return {
    build: join(base, CHAIN_ENTRIES.build),
    profiles: join(base, CHAIN_ENTRIES.profiles),
    rejectedProfiles: join(base, CHAIN_ENTRIES.rejectedProfiles),
    merged: join(base, CHAIN_ENTRIES.merged),
    result: chain === 'coverage' ? join('coverage', dir) : join(base, CHAIN_ENTRIES.optimized),
    cargoTargetDir: join(cargo, chain),
    hostTestsCargoTargetDir: join(cargo, `${chain}-host-tests`),
    profileUseCargoTargetDir: join(cargo, `${chain}-use`),
    plainCargoTargetDir: join(cargo, 'plain'),
  };
}

/**
 * Cargo's directory for the standard library prebuilt for `target` under one set of build settings (`settingsKey`),
 * shared by every crate and chain of the workspace (`.std` can be no project's name).
 */
export function stdLibraryBuildDir(target: string, settingsKey: string): string {
  return join('target', 'minicov', '.std', `${target}-${settingsKey}`);
}

/** The run directory, inside `profiles` (and `rejectedProfiles`), of the configured run `index`. */
export function runDirectoryName(index: number): string {
  return `run-${index}`;
}

/** The run directory, inside `profiles`, of the library's host unit tests (the configured runs are `run-<n>`). */
export const HOST_TESTS_RUN_DIR = 'host-tests';

/** Where a QEMU run's flash and RAM images lie while the runs last, inside the profiles being written. */
export const BOARD_IMAGES_DIR = 'board-images';

/** The host unit-test executable's name in the build output, beside the program `bin`. */
export function hostTestsBinaryName(bin: string): string {
  return `${bin}-host-tests`;
}
