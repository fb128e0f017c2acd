// `instrument`: the coverage or profile-generate build of a crate, checked against the pin before and after.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { buildPlan } from '../../cargo/build-plan';
import { libraryTestExecutable } from '../../cargo/test-artifacts';
import { cleanOnFlagChange, flagsDigest } from '../../cargo/flags-stamp';
import { resolveCrateBuild } from '../../cargo/crate-build';
import { resolveStepContext } from '../../context';
import { replaceOutput } from '../../fs/replace-output';
import { runTool } from '../../process/run-tool';
import { checkInstrumentedBinary } from '../../toolchain/binary-check';
import { toolchainNeeds, type CrateOptions } from '../crate-options';
import { runStep, type ExecutorResult } from '../executor-result';

/** Options of the instrument step: the crate's settings plus which instrumentation. */
export type InstrumentOptions = CrateOptions & { kind: 'coverage' | 'pgo-generate' };

/** The file written next to the binary: what was built, with what. */
export const BUILD_RECORD = 'build.json';

/** Builds the crate instrumented, checks the binary, and stores it as the step's output. */
export default async function instrumentExecutor(options: InstrumentOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runStep(async () => {
    const chain = options.kind === 'coverage' ? 'coverage' : 'pgo';
    const step = await resolveStepContext(options, context, chain, { ...toolchainNeeds(options), qemuArch: undefined, cov: false });
    const build = await resolveCrateBuild(step);
    const targetDir = step.abs(step.paths.cargoTargetDir);
    const plan = buildPlan({ ...build, kind: options.kind, targetDir });
    // The wrapper's flags are invisible to cargo: when they change, the instrumented crates are rebuilt.
    await cleanOnFlagChange(step.toolchain.cargo.path, build.cargoWorkspaceRoot, plan, build.instrumented, build.target, targetDir, flagsDigest(plan));
    console.log(`minicov: building ${step.projectName} for ${build.target} with ${options.kind} instrumentation (${build.instrumented.join(', ')})`);
    const output = await runTool(step.toolchain.cargo.path, plan.args, {
      cwd: build.cargoWorkspaceRoot,
      env: plan.env,
      // A test build prints JSON messages on stdout: they are read, not shown.
      echo: build.tests ? 'stderr' : true,
      fix: `fix the build error above; \`nx run ${step.projectName}:toolchain\` shows the tools in use`,
    });
    const binary = build.tests ? libraryTestExecutable(output.stdout, build.packageName) : plan.binary;
    const report = await checkInstrumentedBinary(binary, { llvmMajor: step.llvmMajor, rustcRelease: step.toolchain.rustc.version });
    await replaceOutput(step.abs(step.paths.build), async (staging) => {
      await mkdir(staging, { recursive: true });
      await copyFile(binary, join(staging, options.bin));
      const record = {
        binary: options.bin,
        kind: options.kind,
        target: build.target,
        instrumented: build.instrumented,
        rawVersion: report.rawVersion,
        functions: report.recordCount,
        toolchain: Object.fromEntries(step.toolchain.rows.map((row) => [row.tool, { version: row.version, llvmMajor: row.llvmMajor }])),
      };
      await writeFile(join(staging, BUILD_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    });
    console.log(
      `minicov: ${join(step.paths.build, options.bin)}: ${report.recordCount} instrumented functions, raw profile v${report.rawVersion}, every compiler on LLVM ${step.llvmMajor}`,
    );
  });
}
