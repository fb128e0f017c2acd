// `run`: runs the instrumented program once per configured run
// (then the library's host unit tests, with `host-tests`) and keeps every profile, checked.
import { chainStepTarget, chainTargetFrom } from '../../model/chain-targets';
import { outputOnFailure } from '../../process/process-group';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { writeBoardImages, type BoardLoad } from '../../board/board-images';
import { runMachine } from '../../board/run-machine';
import { projectChainPaths, resolveStepContext } from '../../context';
import { replaceOutput } from '../../fs/replace-output';
import {
  BOARD_IMAGES_DIR,
  HOST_TESTS_RUN_DIR,
  hostTestsBinaryName,
  runDirectoryName,
} from '../../model/output-layout';
import type { RunOptions } from '../../model/step-options';
import { runCommand } from '../../run/run-command';
import { runUnderGdb } from '../../run/gdb-run';
import { runsInQemu } from '../../model/crate-settings';
import { writeFailedRuns, type FailedRun } from '../../run/failed-runs';
import type { BinaryFacts } from '../../profile/verify-profile';
import { runProfiled, type ProfiledRun } from '../../run/profiled-run';
import { checkInstrumentedBinary } from '../../board/binary-check';
import { checkBuildOutput } from '../build-record';
import { runsHostTests } from '../chain-binaries';
import { toolchainNeeds } from '../crate-toolchain-needs';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';
import { counted } from '../../model/wording';

/** What differs between the runs of one step (each one's directory, timeout and failed-run policy are the step's). */
type RunOfStep = Omit<
  ProfiledRun,
  'directory' | 'rejectedDirectory' | 'timeoutSeconds' | 'keepFailedProfiles'
>;

/**
 * Runs every configured run in its own directory, then the host unit tests;
 * fails on a crash, timeout, bad exit or missing profile.
 */
export default async function runExecutor(
  options: RunOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  let profilesDir: string | undefined;
  const outcome = await runExecutorBody(async () => {
    profilesDir = join(context.root, projectChainPaths(context, options.chain).profiles);
    const needs = { ...toolchainNeeds(options), cModules: false, profdata: false, cov: false };
    const step = await resolveStepContext(options, context, options.chain, needs);
    const expectation = { llvmMajor: step.llvmMajor, rustcRelease: step.toolchain.rustc.version };
    const binary = step.abs(join(step.paths.build, options.bin));
    const hostTestsBinary = step.abs(join(step.paths.build, hostTestsBinaryName(options.bin)));
    const chainTarget = chainTargetFrom(context.targetName, 'run', options.chain);
    const producer = `${step.projectName}:${chainStepTarget(chainTarget, 'build')}`;
    await checkBuildOutput(
      step.abs(step.paths.build),
      runsHostTests(options, options.chain) ? [binary, hostTestsBinary] : [binary],
      producer,
      step.workspaceRoot,
    );
    const machine = runsInQemu(options)
      ? runMachine(step.projectRoot, options.machine, options.target)
      : undefined;
    const built = await checkInstrumentedBinary(binary, {
      ...expectation,
      machine,
      linkFragment: options.linkFragment,
      correlated: options.chain === 'coverage' && options.correlate === 'binary',
    });

    const hostTestsPath = join(step.paths.build, hostTestsBinaryName(options.bin));
    const hostTests = runsHostTests(options, options.chain)
      ? await checkInstrumentedBinary(step.abs(hostTestsPath), expectation)
      : undefined;
    const label = `${step.projectName} run`;
    // merge-failed-runs applies to coverage: PGO never trains on a failing run.
    const keepFailedProfiles = options.mergeFailedRuns === true && options.chain === 'coverage';
    let profiles = 0;
    const failures: FailedRun[] = [];
    // Profiles that fail their checks are kept here for inspection; none survive from an earlier run.
    const rejected = step.abs(step.paths.rejectedProfiles);
    await rm(rejected, { recursive: true, force: true });
    await replaceOutput(
      step.abs(step.paths.profiles),
      async (staging) => {
        // One program run in `staging/<name>` with the step's timeout and failed-run policy, its profiles
        // checked against `checked`, what it kept counted.
        const runIn = async (name: string, run: RunOfStep, checked: BinaryFacts): Promise<void> => {
          const outcome = await runProfiled(
            {
              ...run,
              directory: join(staging, name),
              timeoutSeconds: options.timeoutSeconds,
              keepFailedProfiles,
              rejectedDirectory: join(rejected, name),
            },
            checked,
          );
          profiles += outcome.profiles;
          if (outcome.failure) failures.push(outcome.failure);
        };
        // Every QEMU run starts as a flashed board does: flash contents only, RAM not zero. The images stay beside the
        // runs while they last (an interrupted step's staging directory, images included, is removed by the next one).
        const boardDir = join(staging, BOARD_IMAGES_DIR);
        let boardLoads: BoardLoad[] | undefined;
        if (machine) {
          await mkdir(boardDir, { recursive: true });
          boardLoads = await writeBoardImages(built.elf, machine, boardDir);
        }
        for (const [index, args] of options.runs.entries()) {
          const name = runDirectoryName(index);
          const directory = join(staging, name);
          if (options.runner === 'gdb') {
            // The counters are read at the stop symbol: the device writes nothing itself.
            const outcome = await runUnderGdb(
              {
                label: `${label} ${index + 1}`,
                binary,
                directory,
                profileName: `${options.bin}.profraw`,
                stopSymbol: options.stopSymbol,
                timeoutSeconds: options.timeoutSeconds,
                server: options.gdbServer,
                qemu:
                  machine && boardLoads && step.toolchain.qemu
                    ? { path: step.toolchain.qemu.path, machine: machine.name, boardLoads }
                    : undefined,
                rejectedDirectory: join(rejected, name),
              },
              built,
            );
            profiles += outcome.profiles;
            continue;
          }
          const { file, args: commandArgs } = runCommand({
            runner: options.runner,
            binary,
            args,
            profile: join(directory, `${options.bin}.profraw`),
            machine: options.machine,
            qemu: step.toolchain.qemu?.path,
            boardLoads,
            command: options.command,
          });
          console.log(
            `minicov: ${label} ${index + 1}/${options.runs.length}: ${[file, ...commandArgs].join(' ')}`,
          );
          await runIn(
            name,
            {
              label: `${label} ${index + 1}`,
              file,
              args: commandArgs,
              // Programs that use rustc's or clang's own profiler runtime (std test harnesses) write here too.
              llvmProfileFile: `${options.bin}-%m.profraw`,
              runner: options.runner,
              failureFix: 'fix the failure the program reports, then run the target again',
              noProfileFix:
                options.runner === 'qemu'
                  ? 'call minicov::capture_coverage with a SemihostingFile (e.g. "fw.profraw", relative to the run directory) before the program exits'
                  : 'call minicov::capture_coverage and write the bytes to the file given as {profile} (or to a .profraw file in the working directory)',
            },
            built,
          );
        }
        if (hostTests) {
          console.log(`minicov: ${step.projectName} host unit tests: ${hostTestsPath}`);
          await runIn(
            HOST_TESTS_RUN_DIR,
            {
              label: `${step.projectName} host unit tests (${hostTestsPath})`,
              file: hostTests.path,
              args: [],
              llvmProfileFile: `${hostTestsBinaryName(options.bin)}-%m.profraw`,
              runner: 'test',
              failureFix: `fix the failing test (\`cargo test -p ${step.projectName} --lib\` runs them), then run the target again`,
              noProfileFix: `check that ${hostTestsPath} is a unit-test build with -Cinstrument-coverage (rebuild with \`nx run ${producer} --skip-nx-cache\`)`,
            },
            hostTests,
          );
        }
        await writeFailedRuns(staging, failures);
        await rm(boardDir, { recursive: true, force: true });
      },
      outputOnFailure,
    );
    const ran = `${counted(options.runs.length, 'run')}${hostTests ? ' and the host unit tests' : ''}`;
    console.log(
      `minicov: ${counted(profiles, 'profile')} from ${ran}, each checked against the binary that wrote it`,
    );
  });
  // A failed step, even one that fails before its first run (e.g. QEMU missing), must not leave the last run's profiles
  // behind as its own. They are removed only then: while the step runs, another invocation's merge may be reading them.
  // A step stopped by a signal (Ctrl-C) keeps them: its failure is no verdict on them, and nothing runs after it.
  if (!outcome.success && profilesDir && outputOnFailure() === 'remove')
    await rm(profilesDir, { recursive: true, force: true });
  return outcome;
}
