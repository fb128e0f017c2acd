// Puts a directory made beside its place into that place, unless another process has just put the same one there.
import { rename, rm } from 'node:fs/promises';

/**
 * Renames the finished `staging` directory to `finalPath`. When another process made `finalPath` in the meantime
 * (its contents are the same: both were made from the same inputs), `staging` is discarded instead.
 */
export async function moveUnlessPresent(staging: string, finalPath: string): Promise<void> {
  await rename(staging, finalPath).catch(async (error: NodeJS.ErrnoException) => {
    await rm(staging, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
}
