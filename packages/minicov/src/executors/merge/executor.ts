// `merge`: one llvm-profdata call that merges every profile of the chain's runs (and host unit tests)
// into an indexed profile.
import { chainStepTarget, chainTargetFrom } from '../../model/chain-targets';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { resolveStepContext } from '../../context';
import { MinicovError } from '../../errors';
import type { MergeOptions } from '../../model/step-options';
import { verifyProfile } from '../../profile/verify-profile';
import { mergeProfiles } from '../../profile/merge-profiles';
import { checkInstrumentedBinary, type BinaryCheckReport } from '../../board/binary-check';
import { checkBuildOutput } from '../build-record';
import { binaryOfProfile } from '../chain-binaries';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';
import { counted, verbose } from '../../model/wording';

/** Every .profraw under `directory`, sorted so the merge is reproducible. */
export async function listProfiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.endsWith('.profraw'))
    .sort()
    .map((entry) => join(directory, entry));
}

/** Merges the run step's profiles with the pinned llvm-profdata. */
export default async function mergeExecutor(
  options: MergeOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const step = await resolveStepContext(options, context, options.chain, {
      cModules: false,
      profdata: true,
      cov: false,
    });
    const chainTarget = chainTargetFrom(context.targetName, 'merge', options.chain);
    const profiles = await listProfiles(step.abs(step.paths.profiles));
    if (profiles.length === 0) {
      throw new MinicovError(
        `no .profraw files in ${step.paths.profiles}`,
        `run \`nx run ${step.projectName}:${chainTarget}\` so the run step writes them first`,
      );
    }
    // Profiles are checked again here, each against the binary that wrote it:
    // a file changed or swapped since the run is named, not merged.
    const buildDir = step.abs(step.paths.build);
    const expectation = { llvmMajor: step.llvmMajor, rustcRelease: step.toolchain.rustc.version };
    const programBinary = join(buildDir, options.bin);
    const checked = new Map<string, BinaryCheckReport>();
    const correlatedWith = new Map<string, string>();
    for (const profile of profiles) {
      const binary = binaryOfProfile(
        options,
        options.chain,
        buildDir,
        step.abs(step.paths.profiles),
        profile,
      );
      if (!checked.has(binary))
        await checkBuildOutput(
          buildDir,
          [binary],
          `${step.projectName}:${chainStepTarget(chainTarget, 'build')}`,
          step.workspaceRoot,
        );
      // Only the program of the coverage chain is built correlated; the host unit tests never are.
      const correlated =
        options.chain === 'coverage' && options.correlate === 'binary' && binary === programBinary;
      const built =
        checked.get(binary) ??
        (await checkInstrumentedBinary(binary, { ...expectation, correlated }));
      checked.set(binary, built);
      await verifyProfile(profile, built);
      if (built.correlated) correlatedWith.set(profile, binary);
    }
    const llvmProfdata = step.toolchain.llvmProfdata?.path as string;
    await mergeProfiles(
      llvmProfdata,
      profiles,
      step.abs(step.paths.merged),
      step.workspaceRoot,
      'the named profile is damaged or from another LLVM version: run the chain again from a clean build',
      correlatedWith,
    );
    const shown = profiles.map((profile) => relative(step.workspaceRoot, profile));
    // Each profile's path only on request: fifty runs made a line of thousands of characters.
    console.log(
      `minicov: merged ${counted(profiles.length, 'profile')} into ${step.paths.merged}${verbose() ? `: ${shown.join(', ')}` : ''}`,
    );
  });
}
