// `run`: runs the instrumented program once per configured run and keeps every profile it wrote, checked.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { resolveStepContext } from '../../context';
import { replaceOutput } from '../../fs/replace-output';
import { verifyProfile } from '../../profile/verify-profile';
import { runTool } from '../../process/run-tool';
import { ToolTimedOutError } from '../../process/tool-errors';
import { runCommand } from '../../run/run-command';
import { exitMeaning, outputTail, RunFailedError } from '../../run/run-failure';
import { checkInstrumentedBinary } from '../../toolchain/binary-check';
import { toolchainNeeds, type CrateOptions } from '../crate-options';
import { runStep, type ExecutorResult } from '../executor-result';

/** Options of the run step: the crate's settings plus the chain whose binary runs. */
export type RunOptions = CrateOptions & { chain: 'coverage' | 'pgo' };

/** Runs every configured run in its own directory; fails on a crash, timeout, bad exit or missing profile. */
export default async function runExecutor(options: RunOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runStep(async () => {
    const needs = { ...toolchainNeeds(options), cModules: false, profdata: false, cov: false };
    const step = await resolveStepContext(options, context, options.chain, needs);
    const binary = step.abs(join(step.paths.build, options.bin));
    const built = await checkInstrumentedBinary(binary, { llvmMajor: step.llvmMajor, rustcRelease: step.toolchain.rustc.version });
    const label = `${step.projectName} run`;
    let profiles = 0;
    await replaceOutput(step.abs(step.paths.profiles), async (staging) => {
      for (const [index, args] of options.runs.entries()) {
        const directory = join(staging, `run-${index}`);
        await mkdir(directory, { recursive: true });
        const { file, args: commandArgs } = runCommand({
          runner: options.runner,
          binary,
          args,
          profile: join(directory, `${options.bin}.profraw`),
          machine: options.machine,
          qemu: step.toolchain.qemu?.path,
          command: options.command,
        });
        console.log(`minicov: ${label} ${index + 1}/${options.runs.length}: ${[file, ...commandArgs].join(' ')}`);
        const result = await runTool(file, commandArgs, {
          cwd: directory,
          // Programs that use rustc's or clang's own profiler runtime (std test harnesses) write here too.
          env: { LLVM_PROFILE_FILE: join(directory, `${options.bin}-%m.profraw`) },
          timeoutMs: options.timeoutSeconds * 1000,
          allowFailure: true,
          echo: true,
          fix: `check the program by running it by hand; raise package.metadata.minicov.timeout if it needs longer than ${options.timeoutSeconds} s`,
        }).catch((error: unknown) => {
          if (error instanceof ToolTimedOutError) {
            throw new RunFailedError(
              `${label} ${index + 1} did not finish within ${options.timeoutSeconds} s and was stopped; no profile is kept`,
              'make the program exit when its work is done (firmware: call the semihosting exit after the capture), or raise package.metadata.minicov.timeout',
            );
          }
          throw error;
        });
        if (result.exitCode !== 0) {
          throw new RunFailedError(
            `${label} ${index + 1} exited with status ${result.exitCode}${exitMeaning(options.runner, result.exitCode)}; its profile is not used${outputTail(result.stdout, result.stderr)}`,
            'fix the failure the program reports, then run the target again',
          );
        }
        const written = (await readdir(directory)).filter((name) => name.endsWith('.profraw'));
        if (written.length === 0) {
          throw new RunFailedError(
            `${label} ${index + 1} exited with status 0 but wrote no .profraw file in ${directory}`,
            options.runner === 'qemu'
              ? 'call minicov::capture_coverage with a SemihostingFile (e.g. "fw.profraw", relative to the run directory) before the program exits'
              : 'call minicov::capture_coverage and write the bytes to the file given as {profile} (or to a .profraw file in the working directory)',
          );
        }
        for (const name of written) {
          await verifyProfile(join(directory, name), built);
          profiles += 1;
        }
      }
    });
    console.log(`minicov: ${profiles} profile(s) from ${options.runs.length} run(s), each checked against ${join(step.paths.build, options.bin)}`);
  });
}
