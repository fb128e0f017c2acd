// Reading a raw profile past its header: integers in its byte order, records named for messages,
// failures naming the file.
import { dataRecordLayout } from './data-record-layout';
import { profileNamesByRef } from './profile-names';
import type { RawProfile } from './raw-profile-reader';
import { RawProfileError } from './raw-profile-error';

/** What the checks of a profile's body share. */
export interface ProfileBodyAccess {
  profile: RawProfile;
  bytes: Buffer;
  /**
   * The unsigned integer of `width` bytes at file offset `at`, in the profile's byte order. Callers check their bounds
   * first: a read past the end throws RangeError, a bug rather than a verdict on the file.
   */
  read(at: number, width: 1 | 2 | 4 | 8): bigint;
  /** "function record 3 (workload.c;classify)", the name decoded from the profile's names section when it can be. */
  recordLabel(index: number): string;
  /** Throws RawProfileError naming the profile's file. */
  fail(reason: string, fix: string): never;
}

/** Access to the body of `profile`, whose contents are `bytes`. */
export function profileBodyAccess(profile: RawProfile, bytes: Buffer): ProfileBodyAccess {
  const fail = (reason: string, fix: string): never => {
    throw new RawProfileError(profile.file, reason, fix);
  };
  const read = (at: number, width: 1 | 2 | 4 | 8): bigint => {
    const little = profile.littleEndian;
    if (width === 1) return BigInt(bytes.readUInt8(at));
    if (width === 2) return BigInt(little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
    if (width === 4) return BigInt(little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
    return little ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at);
  };
  let namesByRef: Map<bigint, string> | undefined;
  const recordLabel = (index: number): string => {
    namesByRef ??= profileNamesByRef(sectionBytes(profile, bytes, 'names'));
    const at =
      profile.sections.data.offset +
      index * dataRecordLayout(profile.rawVersion, profile.pointerBytes).size;
    const name =
      at + 8 <= profile.sections.data.offset + profile.sections.data.size
        ? namesByRef.get(read(at, 8))
        : undefined;
    return name === undefined ? `function record ${index}` : `function record ${index} (${name})`;
  };
  return { profile, bytes, read, recordLabel, fail };
}

/** The bytes of section `name` of `profile`. */
export function sectionBytes(
  profile: RawProfile,
  bytes: Buffer,
  name: keyof RawProfile['sections'],
): Buffer {
  const { offset, size } = profile.sections[name];
  return bytes.subarray(offset, offset + size);
}
