// The hidden siblings an output is written to or set aside in, each owned by one process,
// and the removal of those whose process has died.
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `partial`: a new output being written; `previous`: the old output, moved aside while the new one moves in. */
export type SiblingKind = 'partial' | 'previous';

/**
 * A path beside `finalPath` that no other writer uses: `.<name>.<kind>-<pid>-<random>`. The process id names
 * the owner, so a later step can tell a sibling left by an interrupted process from one still being written.
 * It is written with ten digits, so the path has the same length whatever the pid: a run's `{profile}` lies
 * inside it, and a program that so much as measures its arguments would otherwise count differently from
 * one run to the next.
 */
export function siblingPath(finalPath: string, kind: SiblingKind): string {
  const owner = String(process.pid).padStart(10, '0');
  return join(
    dirname(finalPath),
    `.${basename(finalPath)}.${kind}-${owner}-${randomBytes(6).toString('hex')}`,
  );
}

/**
 * Removes every sibling of `finalPath` whose owning process no longer runs: what a step killed by Ctrl-C, a
 * signal or a crash left behind. Siblings of live processes (another nx process writing the same output) stay.
 * Returns the removed paths.
 */
export async function removeAbandonedSiblings(finalPath: string): Promise<string[]> {
  const directory = dirname(finalPath);
  const prefix = `.${basename(finalPath)}.`;
  const entries = await readdir(directory).catch(() => [] as string[]);
  const abandoned = entries
    .filter((name) => name.startsWith(prefix))
    .filter((name) => {
      const owner = ownerOf(name.slice(prefix.length));
      return owner !== undefined && !isRunning(owner);
    })
    .map((name) => join(directory, name));
  await Promise.all(abandoned.map((path) => rm(path, { recursive: true, force: true })));
  return abandoned;
}

/** The owner's process id in `partial-<pid>[-<random>]` or `previous-<pid>-<random>`; undefined for anything else. */
function ownerOf(suffix: string): number | undefined {
  const match = /^(?:partial|previous)-(\d+)(?:-[0-9a-f]+)?$/.exec(suffix);
  return match ? Number(match[1]) : undefined;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
