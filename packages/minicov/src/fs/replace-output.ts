// Writes a step's output beside its final place and moves it there only when complete.
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Removes the old output at `finalPath` (file or directory), lets `write` fill a staging path next to it,
 * then renames the staging path into place. A failed or interrupted step leaves no output behind that a
 * later step or the Nx cache could take for complete.
 */
export async function replaceOutput<T>(finalPath: string, write: (stagingPath: string) => Promise<T>): Promise<T> {
  const staging = join(dirname(finalPath), `.${basename(finalPath)}.partial-${process.pid}`);
  await rm(finalPath, { recursive: true, force: true });
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(finalPath), { recursive: true });
  try {
    const result = await write(staging);
    await rename(staging, finalPath);
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
