// Runs that failed but whose profiles were kept (merge-failed-runs): recorded beside the profiles,
// raised again after the report.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunFailedError } from './run-failure';

/** The record's file name in the run step's profiles directory (a declared output, so a cached replay restores it). */
export const FAILED_RUNS_RECORD = 'failed-runs.json';

/** One run that exited non-zero after writing valid profiles. */
export interface FailedRun {
  /** The run as messages name it, e.g. `fw run 1`. */
  label: string;
  exitCode: number;
  /** What the status usually means, e.g. ` (its self-check failed, ...)`, or empty. */
  meaning: string;
}

/** Writes the record into `profilesDir` when any run failed; writes nothing otherwise. */
export async function writeFailedRuns(
  profilesDir: string,
  runs: readonly FailedRun[],
): Promise<void> {
  if (runs.length > 0)
    await writeFile(join(profilesDir, FAILED_RUNS_RECORD), `${JSON.stringify(runs, null, 2)}\n`);
}

/** The failed runs recorded in `profilesDir` (none when there is no record). */
export async function readFailedRuns(profilesDir: string): Promise<FailedRun[]> {
  const text = await readFile(join(profilesDir, FAILED_RUNS_RECORD), 'utf8').catch(() => undefined);
  return text === undefined ? [] : (JSON.parse(text) as FailedRun[]);
}

/** One line per failed run, e.g. `fw run 1 exited with status 1 (its self-check failed)`. */
export function describeFailedRun(run: FailedRun): string {
  return `${run.label} exited with status ${run.exitCode}${run.meaning}`;
}

/** After the report is written: fails the step when runs of the chain failed, even if their profiles were merged. */
export async function failOnFailedRuns(profilesDir: string, reportTask: string): Promise<void> {
  const runs = await readFailedRuns(profilesDir);
  if (runs.length === 0) return;
  throw new RunFailedError(
    `${runs.map(describeFailedRun).join('; ')}. The profiles of the failed ${runs.length === 1 ? 'run' : 'runs'} were merged (merge-failed-runs) and the report above includes them, but the step fails`,
    `fix the failure the program reports, then run \`nx run ${reportTask}\` again`,
  );
}
