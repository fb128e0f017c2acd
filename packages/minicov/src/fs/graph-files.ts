// The files a graph computation reads, each read once and remembered by its digest, so a cached graph can tell
// whether the workspace still holds what it was computed from.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** What a computation saw of each file (absolute path): its digest, `present` (checked for only), or absent. */
export type RecordedReads = Record<string, string | null>;

const PRESENT = 'present';

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Reads files for one graph computation and records what it saw. */
export class GraphFiles {
  private readonly seen = new Map<string, string | null>();

  /** The text of the file at `path`, or undefined when there is none. */
  text(path: string): string | undefined {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (!isMissing(error)) throw error;
      this.seen.set(path, null);
      return undefined;
    }
    this.seen.set(path, digestOf(text));
    return text;
  }

  /** Whether a file or directory is at `path`. */
  exists(path: string): boolean {
    const exists = existsSync(path);
    if (!this.seen.has(path) || !exists) this.seen.set(path, exists ? PRESENT : null);
    return exists;
  }

  /** Everything read so far. */
  reads(): RecordedReads {
    return Object.fromEntries(this.seen);
  }
}

/** Whether every file in `reads` still reads as it did (same digest, still there, still missing). */
export function readsStillHold(reads: RecordedReads): boolean {
  return Object.entries(reads).every(([path, seen]) => {
    if (seen === null) return !existsSync(path);
    if (seen === PRESENT) return existsSync(path);
    try {
      return digestOf(readFileSync(path, 'utf8')) === seen;
    } catch {
      return false;
    }
  });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
