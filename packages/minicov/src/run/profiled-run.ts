// One run of an instrumented program in its own directory: started, judged by how it ended, and its profiles checked.
import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Runner } from '../model/crate-settings';
import { RawProfileError } from '../profile/raw-profile-error';
import { verifyProfile, type BinaryFacts } from '../profile/verify-profile';
import { runTool } from '../process/run-tool';
import { ToolFailedError, ToolTimedOutError } from '../process/tool-errors';
import type { FailedRun } from './failed-runs';
import { qemuStoppedBy } from './qemu-stopped';
import { exitMeaning, outputTail, RunFailedError, signalMeaning } from './run-failure';
import { verbose } from '../model/wording';

/** What one run starts and how its failures are described. */
export interface ProfiledRun {
  /** The run as messages name it, e.g. `fw run 1`. */
  label: string;
  /** The program and arguments (never a shell). */
  file: string;
  args: string[];
  /** The run's own, new directory: its working directory and where its profiles land. */
  directory: string;
  /**
   * LLVM_PROFILE_FILE, for programs with rustc's or clang's own profiler runtime: a file name, relative to `directory`.
   * Never a whole path: the runtime expands every `%` in it, and the workspace path may contain one
   * (`100%p` would become the pid).
   */
  llvmProfileFile: string;
  /** How the exit status is read (101 is a Rust panic; under QEMU 3 is a HardFault). */
  runner: Runner;
  timeoutSeconds: number;
  /** What to do when the program exits non-zero. */
  failureFix: string;
  /** What to do when it exits 0 but writes no profile. */
  noProfileFix: string;
  /** Keep the profiles of a non-zero exit when they pass the checks (merge-failed-runs); the failure is returned. */
  keepFailedProfiles?: boolean;
  /** Where a profile that fails the checks is moved, for the user to inspect (the run directory is discarded). */
  rejectedDirectory: string;
}

/** QEMU's routine notices, which say nothing about the run (MINICOV_VERBOSE=1 shows them). */
const QEMU_NOTICES = /^Timer with period zero, disabling$/;

/** How many profiles a run kept, and its failure when it exited non-zero but its profiles were kept. */
export interface RunOutcome {
  profiles: number;
  failure?: FailedRun;
}

/**
 * Runs `run`; fails on a timeout, a signal, no profile, or a non-zero exit (unless `keepFailedProfiles`);
 * checks every .profraw against `built`.
 */
export async function runProfiled(run: ProfiledRun, built: BinaryFacts): Promise<RunOutcome> {
  await mkdir(run.directory, { recursive: true });
  const result = await runTool(run.file, run.args, {
    cwd: run.directory,
    env: { LLVM_PROFILE_FILE: run.llvmProfileFile },
    timeoutMs: run.timeoutSeconds * 1000,
    allowFailure: true,
    echo: true,
    omitLines: run.runner === 'qemu' && !verbose() ? QEMU_NOTICES : undefined,
    // The timeout bounds the whole run: anything the program starts is stopped with it, and nothing outlives the step.
    ownProcessGroup: true,
    fix: `check that ${run.file} exists and runs by hand; if it needs longer than ${run.timeoutSeconds} s, raise package.metadata.minicov.timeout`,
  }).catch((error: unknown) => {
    if (error instanceof ToolTimedOutError) {
      throw new RunFailedError(
        `${run.label} did not finish within ${run.timeoutSeconds} s and was stopped; no profile is kept`,
        'make the program exit when its work is done (firmware: call the semihosting exit after the capture), or raise package.metadata.minicov.timeout',
      );
    }
    if (error instanceof ToolFailedError) {
      const ended = error.signal
        ? `was killed by ${error.signal}${signalMeaning(error.signal)}`
        : `ended without an exit status (${error.exitStatus})`;
      throw new RunFailedError(
        `${run.label} ${ended}; no profile is kept${outputTail('', error.stderr)}`,
        run.failureFix,
      );
    }
    throw error;
  });
  const stoppedBy = qemuStoppedBy(result.stderr);
  if (stoppedBy) {
    throw new RunFailedError(
      `${run.label}: QEMU was stopped by ${stoppedBy} before the firmware exited, and exited with status ${result.exitCode} all the same; no profile is kept`,
      'run the target again and let the run finish (a stopped run is never cached)',
    );
  }
  const written = (await readdir(run.directory)).filter((name) => name.endsWith('.profraw'));
  const failed = `${run.label} exited with status ${result.exitCode}${exitMeaning(run.runner, result.exitCode)}`;
  if (result.exitCode !== 0 && !(run.keepFailedProfiles && written.length > 0)) {
    const kept = run.keepFailedProfiles ? 'it wrote no profile to keep' : 'its profile is not used';
    throw new RunFailedError(
      `${failed}; ${kept}${outputTail(result.stdout, result.stderr)}`,
      run.failureFix,
    );
  }
  if (written.length === 0) {
    throw new RunFailedError(
      `${run.label} exited with status 0 but wrote no .profraw file in its run directory`,
      run.noProfileFix,
    );
  }
  for (const name of written)
    await verifyKeepingRejected(join(run.directory, name), built, run.rejectedDirectory);
  if (written.length > 1) console.log(severalProfilesNote(run.label, written));
  if (result.exitCode === 0) return { profiles: written.length };
  console.warn(
    `minicov: ${failed}; ${written.length === 1 ? 'its profile is' : `its ${written.length} profiles are`} kept (merge-failed-runs), and the report step will fail after writing the report`,
  );
  return {
    profiles: written.length,
    failure: {
      label: run.label,
      exitCode: result.exitCode,
      meaning: exitMeaning(run.runner, result.exitCode),
    },
  };
}

/** Checks one profile; a rejected one is moved to `rejectedDirectory` and the error names it there. */
export async function verifyKeepingRejected(
  profile: string,
  built: BinaryFacts,
  rejectedDirectory: string,
): Promise<void> {
  try {
    await verifyProfile(profile, built);
  } catch (error) {
    if (!(error instanceof RawProfileError)) throw error;
    await mkdir(rejectedDirectory, { recursive: true });
    const kept = join(rejectedDirectory, basename(profile));
    await rename(profile, kept);
    throw new RawProfileError(kept, error.reason, error.fix);
  }
}

/** What a run that wrote several profiles gets in its report: their sum, and how captures add up. */
export function severalProfilesNote(label: string, profiles: readonly string[]): string {
  return (
    `minicov: ${label} wrote ${profiles.length} profiles (${[...profiles].sort().join(', ')}): the report adds them up, count by count. ` +
    'A capture holds everything counted since the program started or since the last minicov::reset_coverage(): ' +
    'capture twice without a reset between and the counts before the first capture appear twice'
  );
}
