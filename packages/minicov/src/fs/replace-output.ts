// Writes a step's output beside its final place and moves it there only when complete.
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeAbandonedSiblings, siblingPath } from './output-siblings';
import { swapIntoPlace } from './swap-into-place';

/**
 * What a failed write leaves at the output's place. `remove` (the default): nothing, so no later step can take
 * the previous output for this step's result. `keep-previous`: the previous output, whole, for outputs that only
 * people read and that no later step consumes (the coverage report).
 */
export type ReplaceFailurePolicy = 'remove' | 'keep-previous';

/**
 * Lets `write` fill a staging path of its own next to `finalPath` (file or directory), then swaps it into place.
 * The output there stays whole until then: another process reading it (a concurrent invocation of the same
 * target) never finds it missing or half-written. A failed step removes the staging path and, unless `onFailure`
 * is (or returns, asked at the failure) `keep-previous`, the output; a step killed before it could clean up
 * (Ctrl-C, a signal) leaves the previous output as it was and its staging path, which the next step that writes the
 * same output removes. No two writers, in one process or several, ever share a staging path.
 */
export async function replaceOutput<T>(
  finalPath: string,
  write: (stagingPath: string) => Promise<T>,
  onFailure: ReplaceFailurePolicy | (() => ReplaceFailurePolicy) = 'remove',
): Promise<T> {
  await mkdir(dirname(finalPath), { recursive: true });
  await removeAbandonedStaging(finalPath);
  const staging = siblingPath(finalPath, 'partial');
  try {
    const result = await write(staging);
    await swapIntoPlace(staging, finalPath);
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const policy = typeof onFailure === 'function' ? onFailure() : onFailure;
    if (policy === 'remove') await rm(finalPath, { recursive: true, force: true });
    throw error;
  }
}

/** Removes what interrupted writers of `finalPath` left beside it, saying so. */
async function removeAbandonedStaging(finalPath: string): Promise<void> {
  for (const path of await removeAbandonedSiblings(finalPath)) {
    console.log(`minicov: removed ${path}, left by an interrupted step whose process is gone`);
  }
}
