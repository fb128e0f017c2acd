// Checks one .profraw before anything reads it: a complete profile, of the pinned version, from this very binary.
import { readFile } from 'node:fs/promises';
import { ElfFile } from './elf-file';
import { checkProfileMatchesBinary, readRawProfileHeader, validateRawProfile } from './raw-profile';

/** What the binary's post-build check established. */
export interface BinaryFacts {
  rawVersion: number;
  pointerBytes: 4 | 8;
}

/** Throws a RawProfileError naming `profile` if it is truncated, foreign, of another version or another build. */
export async function verifyProfile(profile: string, binary: string, facts: BinaryFacts): Promise<void> {
  const bytes = await readFile(profile);
  readRawProfileHeader(profile, bytes);
  validateRawProfile(profile, bytes, { rawVersion: facts.rawVersion, pointerBytes: facts.pointerBytes });
  checkProfileMatchesBinary(profile, bytes, binary, new ElfFile(binary, await readFile(binary)));
}
