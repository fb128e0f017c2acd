// `optimize`: the release build with the merged profile (-Cprofile-use, -fprofile-use), and proof that it matched.
import { chainTargetFrom } from '../../model/chain-targets';
import { outputOnFailure } from '../../process/process-group';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { resolveCrateBuild } from '../../cargo/crate-build';
import { buildWithProfile } from '../../cargo/profile-use-build';
import { resolveStepContext } from '../../context';
import { MinicovError } from '../../errors';
import { replaceOutput } from '../../fs/replace-output';
import { functionsThatRan, ranButUnmatched, unmatchedFunctions } from '../../pgo/profile-functions';
import type { CrateOptions } from '../../model/step-options';
import { toolchainNeeds } from '../crate-toolchain-needs';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';

/** Builds the optimized binary from the PGO chain's merged profile; fails if the profile matched nothing that ran. */
export default async function optimizeExecutor(
  options: CrateOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const step = await resolveStepContext(options, context, 'pgo', {
      ...toolchainNeeds(options),
      qemuArch: undefined,
      cov: false,
    });
    const chainTarget = chainTargetFrom(context.targetName, undefined, 'pgo');
    const merged = step.abs(step.paths.merged);
    const profile = await readFile(merged).catch(() => {
      throw new MinicovError(
        `${step.paths.merged} does not exist`,
        `run \`nx run ${step.projectName}:${chainTarget}\`, which trains and merges first`,
      );
    });
    const build = await resolveCrateBuild(step);
    const targetDir = step.abs(step.paths.profileUseCargoTargetDir);
    const optimized = await buildWithProfile(
      step,
      build,
      { path: merged, contents: profile, shownAs: step.paths.merged },
      targetDir,
    );
    const ran = await functionsThatRan(step.toolchain.llvmProfdata?.path as string, merged);
    const unmatched = ranButUnmatched(ran, unmatchedFunctions(optimized.stderr));
    const matched = ran.length - unmatched.length;
    console.log(
      `minicov: the profile matched ${matched} of the ${ran.length} functions that ran in training`,
    );
    for (const fn of unmatched.slice(0, 20)) console.log(`  not matched: ${fn.name}`);
    if (ran.length > 0 && matched === 0) {
      throw new MinicovError(
        `the profile ${step.paths.merged} matched none of the ${ran.length} functions that ran: the optimized build is not profile-guided`,
        'build the training binary and the optimized binary with the same sources and flags (minicov uses -Csymbol-mangling-version=v0 for both); run `nx run ' +
          `${step.projectName}:${chainTarget} --skip-nx-cache\` to retrain`,
      );
    }
    await replaceOutput(
      step.abs(step.paths.result),
      async (staging) => {
        await mkdir(staging, { recursive: true });
        await copyFile(optimized.binary, join(staging, options.bin));
      },
      outputOnFailure,
    );
    console.log(`minicov: optimized binary: ${join(step.paths.result, options.bin)}`);
  });
}
