// One instrumented cargo build of a step: stale artifacts cleaned, cargo run, the binary found and checked against the pin.
import type { StepContext } from '../context';
import { runMachine } from '../board/run-machine';
import { runTool } from '../process/run-tool';
import { checkInstrumentedBinary, type BinaryCheckReport } from '../toolchain/binary-check';
import type { BuildKind } from './build-flags';
import { buildPlan } from './build-plan';
import { buildConfigArgs, type ResolvedCrateBuild } from './crate-build';
import { cleanOnFlagChange, flagsDigest } from './flags-stamp';
import { checkTargetDirPath } from './target-dir-path';
import { binaryDependencies } from './dep-info';
import { libraryTestExecutable } from './test-artifacts';

/** The checked binary of one build, still in cargo's target directory, and the files it was built from. */
export interface InstrumentedBinary {
  binary: string;
  report: BinaryCheckReport;
  /** Every file cargo's dep-info names for the binary: sources, and what build scripts said they read. */
  inputs: string[];
}

/** Builds `build` with `kind` instrumentation in `targetDir` and checks the binary before anything can run it. */
export async function buildInstrumented(
  step: StepContext,
  build: ResolvedCrateBuild,
  kind: BuildKind,
  targetDir: string,
): Promise<InstrumentedBinary> {
  checkTargetDirPath(targetDir, build.target);
  const plan = buildPlan({
    ...build,
    kind,
    targetDir,
    configArgs: await buildConfigArgs(build, targetDir),
  });
  // The wrapper's flags are invisible to cargo: when they change, the instrumented crates are rebuilt.
  await cleanOnFlagChange(
    step.toolchain.cargo.path,
    build.cargoCwd,
    plan,
    build.instrumented,
    build.target,
    targetDir,
    flagsDigest(plan),
  );
  const what = build.tests ? `the library's unit tests of ${step.projectName}` : step.projectName;
  console.log(
    `minicov: building ${what} for ${build.target} with ${kind} instrumentation (${build.instrumented.join(', ')})`,
  );
  const output = await runTool(step.toolchain.cargo.path, plan.args, {
    cwd: build.cargoCwd,
    env: plan.env,
    // A test build prints JSON messages on stdout: they are read, not shown.
    echo: build.tests ? 'stderr' : true,
    fix: `fix the build error above; \`nx run ${step.projectName}:toolchain\` shows the tools in use`,
  });
  const binary = build.tests
    ? libraryTestExecutable(output.stdout, build.packageName)
    : plan.binary;
  const machine =
    !build.tests && step.options.runner === 'qemu'
      ? runMachine(step.projectRoot, step.options.machine, step.options.target)
      : undefined;
  const report = await checkInstrumentedBinary(binary, {
    llvmMajor: step.llvmMajor,
    rustcRelease: step.toolchain.rustc.version,
    machine,
    linkFragment: build.linkFragment,
  });
  return { binary, report, inputs: await binaryDependencies(binary) };
}
