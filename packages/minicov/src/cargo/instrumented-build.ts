// One instrumented cargo build of a crate: built the shared way, the binary found and checked against the pin.
import { checkInstrumentedBinary, type BinaryCheckReport } from '../board/binary-check';
import type { InstrumentedBuildKind } from '../model/build-kind';
import type { ResolvedCrateBuild } from './crate-build';
import type { CrateBuildInput } from './crate-build-input';
import { binaryDependencies } from './dep-info';
import { runCargoBuild } from './run-cargo-build';
import { libraryTestExecutable } from './test-artifacts';

/** The checked binary of one build, still in cargo's target directory, and the files it was built from. */
export interface InstrumentedBinary {
  binary: string;
  report: BinaryCheckReport;
  /** Every file cargo's dep-info names for the binary: sources, and what build scripts said they read. */
  inputs: string[];
}

/**
 * Builds `build` with `kind` instrumentation in `targetDir` and checks the binary against the pin before anything can
 * run it. Where its profile sections lie on a QEMU machine is the caller's to check, once it knows the image fits.
 */
export async function buildInstrumented(
  crate: CrateBuildInput,
  build: ResolvedCrateBuild,
  kind: InstrumentedBuildKind,
  targetDir: string,
): Promise<InstrumentedBinary> {
  const what = build.tests ? `the library's unit tests of ${crate.projectName}` : crate.projectName;
  const correlated = kind === 'coverage' && build.correlate === true;
  const { plan, output } = await runCargoBuild(crate, build, {
    kind,
    targetDir,
    announce: `minicov: building ${what} for ${build.target} with ${kind} instrumentation${instrumentedBesides(build)}${correlated ? ', function records and names kept in the binary (correlate = "binary")' : ''}`,
    // A test build prints JSON messages on stdout: they are read, not shown.
    echo: build.tests ? 'stderr' : true,
  });
  const binary = build.tests
    ? libraryTestExecutable(output.stdout, build.packageName)
    : plan.binary;
  const report = await checkInstrumentedBinary(binary, {
    llvmMajor: crate.llvmMajor,
    rustcRelease: crate.toolchain.rustc.version,
    linkFragment: build.linkFragment,
    correlated,
  });
  return { binary, report, inputs: await binaryDependencies(binary) };
}

/** The crates instrumented with the package, as ` (fw, codec, ...)`; nothing when it is the package alone. */
function instrumentedBesides(build: ResolvedCrateBuild): string {
  const alone = build.instrumented.length === 1 && build.instrumented[0] === build.packageName;
  return alone ? '' : ` (${build.instrumented.join(', ')})`;
}
