// `optimize`: the release build with the merged profile (-Cprofile-use, -fprofile-use), and proof that it matched.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { buildPlan } from '../../cargo/build-plan';
import { checkTargetDirPath } from '../../cargo/target-dir-path';
import { cleanOnFlagChange, flagsDigest } from '../../cargo/flags-stamp';
import { buildConfigArgs, resolveCrateBuild } from '../../cargo/crate-build';
import { resolveStepContext } from '../../context';
import { MinicovError } from '../../errors';
import { replaceOutput } from '../../fs/replace-output';
import { functionsThatRan, ranButUnmatched, unmatchedFunctions } from '../../pgo/profile-functions';
import { runTool } from '../../process/run-tool';
import { ToolFailedError } from '../../process/tool-errors';
import { toolchainNeeds, type CrateOptions } from '../crate-options';
import { runStep, type ExecutorResult } from '../executor-result';

/** Builds the optimized binary from the PGO chain's merged profile; fails if the profile matched nothing that ran. */
export default async function optimizeExecutor(
  options: CrateOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runStep(async () => {
    const step = await resolveStepContext(options, context, 'pgo', {
      ...toolchainNeeds(options),
      qemuArch: undefined,
      cov: false,
    });
    const merged = step.abs(step.paths.merged);
    const profile = await readFile(merged).catch(() => {
      throw new MinicovError(
        `${step.paths.merged} does not exist`,
        `run \`nx run ${step.projectName}:pgo\`, which trains and merges first`,
      );
    });
    const build = await resolveCrateBuild(step);
    const targetDir = step.abs(`${step.paths.cargoTargetDir}-use`);
    checkTargetDirPath(targetDir, build.target);
    const plan = buildPlan({
      ...build,
      kind: 'pgo-use',
      profdata: merged,
      targetDir,
      configArgs: await buildConfigArgs(build, targetDir),
    });
    // The wrapper's flags are invisible to cargo: a new profile must rebuild the crates that read it.
    await cleanOnFlagChange(
      step.toolchain.cargo.path,
      build.cargoCwd,
      plan,
      build.instrumented,
      build.target,
      targetDir,
      flagsDigest(plan, profile.toString('base64')),
    );
    console.log(
      `minicov: building ${step.projectName} for ${build.target} with the profile ${step.paths.merged}`,
    );
    // -vv shows build-script output, where clang's warnings about unmatched C functions appear.
    const output = await runTool(step.toolchain.cargo.path, ['-vv', ...plan.args], {
      cwd: build.cargoCwd,
      env: plan.env,
      fix: `fix the build error above; \`nx run ${step.projectName}:toolchain\` shows the tools in use`,
    }).catch((error: unknown) => {
      if (error instanceof ToolFailedError)
        console.error(error.stderr.split('\n').slice(-40).join('\n'));
      throw error;
    });
    const ran = await functionsThatRan(step.toolchain.llvmProfdata?.path as string, merged);
    const unmatched = ranButUnmatched(ran, unmatchedFunctions(output.stderr));
    const matched = ran.length - unmatched.length;
    console.log(
      `minicov: the profile matched ${matched} of the ${ran.length} functions that ran in training`,
    );
    for (const fn of unmatched.slice(0, 20)) console.log(`  not matched: ${fn.name}`);
    if (ran.length > 0 && matched === 0) {
      throw new MinicovError(
        `the profile ${step.paths.merged} matched none of the ${ran.length} functions that ran: the optimized build is not profile-guided`,
        'build the training binary and the optimized binary with the same sources and flags (minicov uses -Csymbol-mangling-version=v0 for both); run `nx run ' +
          `${step.projectName}:pgo --skip-nx-cache\` to retrain`,
      );
    }
    await replaceOutput(step.abs(step.paths.result), async (staging) => {
      await mkdir(staging, { recursive: true });
      await copyFile(plan.binary, join(staging, options.bin));
    });
    console.log(`minicov: optimized binary: ${join(step.paths.result, options.bin)}`);
  });
}
