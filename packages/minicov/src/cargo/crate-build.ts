// What a crate's build needs from cargo's view of the workspace: target, crates to instrument, build-std.
import { join } from 'node:path';
import type { CrateBuild } from './build-plan';
import type { CrateBuildInput } from './crate-build-input';
import { gte } from 'semver';
import { RUST_BRANCH_COVERAGE_SINCE, RUST_REMAP_PATH_SCOPE_SINCE } from './build-flags';
import { readCargoWorkspace } from './cargo-metadata';
import { rustcWrapperPath, sysrootWrapperPath } from './rustc-wrapper';
import { instrumentedCrates } from './workspace-crates';
import { MinicovError } from '../errors';
import { ManifestError } from '../model/manifest-error';

/** The crate's build plus the directory cargo runs in. */
export interface ResolvedCrateBuild extends CrateBuild {
  cargoWorkspaceRoot: string;
  /**
   * Cargo runs in the crate's own directory, as a user building it by hand does:
   * its own .cargo/config.toml (target rustflags such as `-Tlink.x`) applies.
   */
  cargoCwd: string;
  /** The toolchain's sysroot, whose vendored library sources an offline build of core needs. */
  sysroot: string;
  /** Whether cargo lists a library target for the package (undefined if it did not say). */
  hasLibrary?: boolean;
}

/** Reads the cargo workspace once and decides what the crate's build instruments and how it gets `core`. */
export async function resolveCrateBuild(crate: CrateBuildInput): Promise<ResolvedCrateBuild> {
  const { rustc, cargo, clang } = crate.toolchain;
  const projectDir = join(crate.workspaceRoot, crate.projectRoot);
  const workspace = await readCargoWorkspace(cargo.path, projectDir, {
    RUSTC: rustc.path,
  });
  const pkg = workspace.packages.find((candidate) => candidate.name === crate.projectName);
  if (!pkg) {
    throw new MinicovError(
      `cargo does not list ${crate.projectName} as a member of the workspace at ${workspace.workspaceRoot}`,
      `add ${crate.projectRoot} to [workspace] members in ${workspace.workspaceRoot}/Cargo.toml`,
    );
  }
  checkBinary(
    {
      projectRoot: crate.projectRoot,
      projectName: crate.projectName,
      runner: crate.options.runner,
      bin: crate.options.bin,
    },
    pkg.binNames,
  );
  const target = crate.options.target ?? rustc.details.host;
  const prebuilt = rustc.prebuiltTargets.includes(target);
  return {
    cargoWorkspaceRoot: workspace.workspaceRoot,
    cargoCwd: projectDir,
    sysroot: rustc.sysroot,
    hasLibrary: pkg.hasLibrary,
    packageName: crate.projectName,
    bin: crate.options.bin,
    target,
    // Without prebuilt libraries for the target, core is built from rust-src once (std-sysroot.ts).
    buildStd: prebuilt ? undefined : 'core',
    instrumented: instrumentedCrates(workspace, crate.projectName),
    wrapper: rustcWrapperPath(),
    sysrootWrapper: sysrootWrapperPath(),
    rustc: rustc.path,
    clang: clang?.path,
    tests: crate.options.runner === 'test',
    branchCoverage: gte(rustc.version, RUST_BRANCH_COVERAGE_SINCE),
    linkFragment: crate.options.linkFragment,
    correlate: crate.options.correlate === 'binary',
    gdbRunner: crate.options.runner === 'gdb',
    recordedRoot: gte(rustc.version, RUST_REMAP_PATH_SCOPE_SINCE) ? crate.workspaceRoot : undefined,
  };
}

/**
 * Throws unless the binary the crate's runs use is one of the package's binary targets
 * (the library's unit tests need none).
 */
export function checkBinary(
  crate: { projectRoot: string; projectName: string; runner: string; bin: string },
  binNames: readonly string[] | undefined,
): void {
  if (crate.runner === 'test' || binNames === undefined || binNames.includes(crate.bin)) return;
  const manifest = join(crate.projectRoot, 'Cargo.toml');
  if (binNames.length === 0) {
    throw new ManifestError(
      `${manifest}: binary "${crate.bin}" (package.metadata.minicov.bin, which defaults to the package name): ${crate.projectName} has no binary target`,
      'give the package a binary (src/main.rs, src/bin/<name>.rs or a [[bin]] table), or use runner = "test" to measure a library through its unit tests',
    );
  }
  throw new ManifestError(
    `${manifest}: binary "${crate.bin}" (package.metadata.minicov.bin, which defaults to the package name) is not a binary of ${crate.projectName}; its binaries: ${binNames.join(', ')}`,
    `set \`bin = "${binNames[0]}"\` (or another of its binaries) in [package.metadata.minicov]`,
  );
}

/**
 * The same crate's library unit tests for the host (`host-tests`): `cargo test --no-run --lib`, the std test
 * harness with rustc's own profiler runtime, prebuilt std, the same crates instrumented.
 */
export function hostTestsBuild(
  build: ResolvedCrateBuild,
  crate: Pick<CrateBuildInput, 'projectName' | 'projectRoot'> & {
    toolchain: { rustc: { details: { host: string } } };
  },
): ResolvedCrateBuild {
  if (build.hasLibrary === false) {
    throw new ManifestError(
      `${join(crate.projectRoot, 'Cargo.toml')}: package.metadata.minicov.host-tests is set, but cargo lists no library target for ${crate.projectName}`,
      'move the code the unit tests exercise into a library (src/lib.rs, used by the binary), or remove `host-tests`',
    );
  }
  return {
    ...build,
    target: crate.toolchain.rustc.details.host,
    buildStd: undefined,
    tests: true,
    linkFragment: false,
    // The host unit tests run on the build machine, with rustc's own runtime: their full profile costs nothing.
    correlate: false,
    gdbRunner: false,
  };
}
