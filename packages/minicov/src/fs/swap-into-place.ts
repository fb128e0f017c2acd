// Moves a finished output into its final place, replacing what is there, even while another process swaps in its own.
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MinicovError } from '../errors';
import { siblingPath } from './output-siblings';

/** How often one swap tries again when another process keeps putting its output in the way. */
const ATTEMPTS = 20;

/**
 * Renames `staging` to `finalPath`. A file replaces a file in one step; anything else in the way (a directory)
 * is first moved aside and deleted after the new output is in place, so `finalPath` is only ever missing for
 * the moment between two renames. When two processes swap at once, each swap completes and the last one stays.
 * If the swap fails, the output that was there is put back.
 */
export async function swapIntoPlace(staging: string, finalPath: string): Promise<void> {
  const asides: string[] = [];
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const moved = await rename(staging, finalPath).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (isOccupied(error)) return false;
          throw cannotMove(staging, finalPath, error);
        },
      );
      if (moved) return;
      const aside = siblingPath(finalPath, 'previous');
      await rename(finalPath, aside).then(
        () => asides.push(aside),
        (error: NodeJS.ErrnoException) => {
          // Another process moved it first: try the rename again.
          if (error.code !== 'ENOENT') throw cannotMove(finalPath, aside, error);
        },
      );
    }
    throw new MinicovError(
      `cannot move ${staging} to ${finalPath}: another process put its own output there ${ATTEMPTS} times in a row`,
      `run one invocation of this target at a time, then run it again`,
    );
  } catch (error) {
    const last = asides.pop();
    if (last) await rename(last, finalPath).catch(() => asides.push(last));
    throw error;
  } finally {
    await Promise.all(asides.map((aside) => rm(aside, { recursive: true, force: true })));
  }
}

/** The rename failed only because something is at the destination. */
function isOccupied(error: NodeJS.ErrnoException): boolean {
  return (
    error.code === 'ENOTEMPTY' ||
    error.code === 'EEXIST' ||
    error.code === 'EISDIR' ||
    error.code === 'ENOTDIR'
  );
}

function cannotMove(from: string, to: string, error: NodeJS.ErrnoException): MinicovError {
  return new MinicovError(
    `cannot move ${from} to ${to}: ${error.message}`,
    `check that ${dirname(to)} is writable and on the same file system as its contents`,
  );
}
