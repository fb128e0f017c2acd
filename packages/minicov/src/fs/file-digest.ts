// The SHA-256 of a file's contents: how build records and report stamps tell one output from another.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The SHA-256 of `file`'s contents, in hex. */
export async function fileDigest(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
