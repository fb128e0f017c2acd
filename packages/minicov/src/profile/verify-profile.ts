// Checks one .profraw before anything reads it: a complete profile, of the pinned version, from this very binary.
import { readFile } from 'node:fs/promises';
import type { ElfFile } from './elf-file';
import { checkProfileMatchesBinary, readRawProfileHeader, validateRawProfile } from './raw-profile';

/** What the binary's post-build check established, with the binary it parsed. */
export interface BinaryFacts {
  path: string;
  rawVersion: number;
  pointerBytes: 4 | 8;
  elf: ElfFile;
}

/**
 * Throws a RawProfileError naming `profile` if it is truncated, foreign, of another version or another build,
 * or damaged where llvm-profdata would fail.
 */
export async function verifyProfile(profile: string, binary: BinaryFacts): Promise<void> {
  const bytes = await readFile(profile);
  readRawProfileHeader(profile, bytes);
  validateRawProfile(profile, bytes, {
    rawVersion: binary.rawVersion,
    pointerBytes: binary.pointerBytes,
  });
  checkProfileMatchesBinary(profile, bytes, binary.path, binary.elf);
}
