// The optimized build of a crate with a merged profile (-Cprofile-use, -fprofile-use), built the shared way.
import type { ResolvedCrateBuild } from './crate-build';
import type { CrateBuildInput } from './crate-build-input';
import { runCargoBuild } from './run-cargo-build';

/** The merged profile an optimized build reads. */
export interface ProfileToUse {
  /** Absolute path. */
  path: string;
  /** Its contents: a new profile rebuilds the crates that read it. */
  contents: Buffer;
  /** How messages name it (workspace-relative). */
  shownAs: string;
}

/** The optimized binary, still in cargo's target directory, and what the compilers said while building it. */
export interface ProfileUseBinary {
  binary: string;
  /** cargo's stderr with -vv: rustc's and clang's warnings about functions the profile did not match. */
  stderr: string;
}

/** Builds `build` optimized with `profile` in `targetDir`; returns the binary and cargo's stderr. */
export async function buildWithProfile(
  crate: CrateBuildInput,
  build: ResolvedCrateBuild,
  profile: ProfileToUse,
  targetDir: string,
): Promise<ProfileUseBinary> {
  const { plan, output } = await runCargoBuild(crate, build, {
    kind: 'pgo-use',
    targetDir,
    profdata: profile.path,
    stampExtra: profile.contents.toString('base64'),
    announce: `minicov: building ${crate.projectName} for ${build.target} with the profile ${profile.shownAs}`,
    // -vv shows build-script output, where clang's warnings about unmatched C functions appear.
    verbose: true,
    // cargo's output is not shown while it runs: a failed build shows its end.
    failureTailLines: 40,
  });
  return { binary: plan.binary, stderr: output.stderr };
}
