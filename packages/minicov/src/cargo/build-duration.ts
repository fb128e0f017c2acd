// How long a build directory's last build took, kept beside it, so the next build can say what to expect.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const RECORD = 'minicov-last-build.json';

/** Seconds the last build in `targetDir` took, or undefined when none was recorded (or the record is unreadable). */
export async function lastBuildSeconds(targetDir: string): Promise<number | undefined> {
  try {
    const { seconds } = JSON.parse(await readFile(join(targetDir, RECORD), 'utf8')) as {
      seconds?: unknown;
    };
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
      ? seconds
      : undefined;
  } catch {
    return undefined;
  }
}

/** Records that the build just finished in `targetDir` took `seconds`; a failure to write only loses the hint. */
export async function recordBuildSeconds(targetDir: string, seconds: number): Promise<void> {
  await writeFile(join(targetDir, RECORD), `${JSON.stringify({ seconds })}\n`).catch(
    () => undefined,
  );
}

/** ` (the last build here took 31 s)`, or nothing without a record. */
export function lastBuildNote(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  return ` (the last build here took ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s)`;
}
