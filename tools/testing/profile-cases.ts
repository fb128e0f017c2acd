// Every real profile ready for mutation tests: the built program's profile, its binary's ELF,
// and where mutations may land.
import { readFileSync } from 'node:fs';
import { ElfFile } from '../../packages/minicov/src/profile/elf-file';
import { readRawProfileHeader } from '../../packages/minicov/src/profile/raw-profile';
import { mutationTarget, type MutationTarget } from './profile-mutations';
import { buildRealProfile, EVERY_REAL_PROFILE, type RealProfile } from './real-profiles';

/** One real profile with its binary read and its mutation layout. */
export interface ProfileCase {
  real: RealProfile;
  elf: ElfFile;
  target: MutationTarget;
}

/** Builds every real profile under `dir` and prepares each for mutation. */
export function buildProfileCases(dir: string): ProfileCase[] {
  return EVERY_REAL_PROFILE.map((spec) => {
    const real = buildRealProfile(dir, spec);
    const target = mutationTarget(real.bytes, readRawProfileHeader(real.profile, real.bytes));
    return { real, elf: new ElfFile(real.binary, readFileSync(real.binary)), target };
  });
}
