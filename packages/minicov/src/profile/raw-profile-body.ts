// Checks a raw profile past its header the way llvm-profdata reads it, so that llvm-profdata never sees a damaged one.
import { profileBodyAccess } from './profile-body-access';
import { checkFunctionRecords } from './function-records';
import type { RawProfile } from './raw-profile-reader';
import { checkValueProfileData } from './value-profile-data';

/**
 * Throws RawProfileError unless every record's counters and bitmap bytes fit their sections, no counter is absurd,
 * and the value data is whole.
 */
export function checkRawProfileBody(profile: RawProfile, bytes: Buffer): void {
  const body = profileBodyAccess(profile, bytes);
  checkFunctionRecords(body);
  checkValueProfileData(body);
}
