// The crate built as it ships (no instrumentation, no --cfg minicov), which the cost report compares the
// instrumented image with.
import type { ResolvedCrateBuild } from './crate-build';
import type { CrateBuildInput } from './crate-build-input';
import { runCargoBuild } from './run-cargo-build';

/** Builds `build` without instrumentation in `targetDir`; returns the binary, still in cargo's target directory. */
export async function buildPlain(
  crate: CrateBuildInput,
  build: ResolvedCrateBuild,
  targetDir: string,
): Promise<string> {
  const { plan } = await runCargoBuild(crate, build, {
    kind: 'plain',
    targetDir,
    announce: `minicov: building ${crate.projectName} for ${build.target} without instrumentation, to measure what instrumentation adds`,
    failureTailLines: 40,
  });
  return plan.binary;
}
