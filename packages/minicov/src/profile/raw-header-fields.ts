// The fixed parts of an LLVM raw profile: magic numbers, version word, and the header fields of each raw version
// (INSTR_PROF_RAW_HEADER in compiler-rt/include/profile/InstrProfData.inc; struct minicov_raw_header in raw_format.h).
import type { RawVersion } from './data-record-layout';

/** "\xFFlprofr\x81" read as a big-endian u64: written by programs with 64-bit pointers. */
export const RAW_MAGIC_64 = 0xff6c70726f667281n;
/** "\xFFlprofR\x81": written by programs with 32-bit pointers. */
export const RAW_MAGIC_32 = 0xff6c70726f665281n;

/** The low 32 bits of the version word are the version; the high 32 bits are variant flags. */
export const VERSION_MASK = 0xffff_ffffn;
/** Variant flag: one byte per counter instead of a u64 (-fprofile-... single-byte coverage). */
export const VARIANT_BYTE_COVERAGE = 1n << 60n;
/** Variant flag: data and names live in the binary's debug info, not in the profile. */
export const VARIANT_DEBUG_INFO_CORRELATE = 1n << 59n;

/** The variant flags LLVM defines for `rawVersion`: bits 56-63, and bit 55 (loop entries) from raw version 10 on. */
export function knownVariantFlags(rawVersion: RawVersion): bigint {
  return rawVersion >= 10 ? 0x1ffn << 55n : 0xffn << 56n;
}

/** Every header field any supported raw version has (all are u64). */
export type RawHeaderField =
  | 'magic'
  | 'version'
  | 'binaryIdsSize'
  | 'numData'
  | 'paddingBytesBeforeCounters'
  | 'numCounters'
  | 'paddingBytesAfterCounters'
  | 'numBitmapBytes'
  | 'paddingBytesAfterBitmapBytes'
  | 'namesSize'
  | 'countersDelta'
  | 'bitmapDelta'
  | 'namesDelta'
  | 'numVTables'
  | 'vNamesSize'
  | 'valueKindLast';

/** The header's u64 fields in file order for `rawVersion`; fields a version lacks are absent. */
export function rawHeaderFields(rawVersion: RawVersion): readonly RawHeaderField[] {
  const bitmap = rawVersion >= 9;
  const vtables = rawVersion >= 10;
  return [
    'magic',
    'version',
    'binaryIdsSize',
    'numData',
    'paddingBytesBeforeCounters',
    'numCounters',
    'paddingBytesAfterCounters',
    ...(bitmap ? (['numBitmapBytes', 'paddingBytesAfterBitmapBytes'] as const) : []),
    'namesSize',
    'countersDelta',
    ...(bitmap ? (['bitmapDelta'] as const) : []),
    'namesDelta',
    ...(vtables ? (['numVTables', 'vNamesSize'] as const) : []),
    'valueKindLast',
  ];
}

/** Header size in bytes for `rawVersion`: 88 (v8), 112 (v9), 128 (v10). */
export function rawHeaderSize(rawVersion: RawVersion): number {
  return rawHeaderFields(rawVersion).length * 8;
}

/** Pointer width and byte order a magic number announces. */
export interface MagicInfo {
  pointerBytes: 4 | 8;
  littleEndian: boolean;
}

/** Decodes the first 8 bytes of a file as a raw-profile magic, in either byte order; undefined if they are not one. */
export function decodeMagic(bytes: Buffer): MagicInfo | undefined {
  if (bytes.length < 8) return undefined;
  const le = bytes.readBigUInt64LE(0);
  const be = bytes.readBigUInt64BE(0);
  if (le === RAW_MAGIC_64) return { pointerBytes: 8, littleEndian: true };
  if (le === RAW_MAGIC_32) return { pointerBytes: 4, littleEndian: true };
  if (be === RAW_MAGIC_64) return { pointerBytes: 8, littleEndian: false };
  if (be === RAW_MAGIC_32) return { pointerBytes: 4, littleEndian: false };
  return undefined;
}

/** Size of one VTableProfileData entry (u64 name hash, IntPtrT address, u32 size), as a 64-bit host lays it out. */
export function vtableRecordSize(pointerBytes: 4 | 8): number {
  return pointerBytes === 8 ? 24 : 16;
}

/** Which LLVM majors write `rawVersion`, for messages: "LLVM 14-17". */
export function llvmMajorsWriting(rawVersion: number): string {
  if (rawVersion === 8) return 'LLVM 14-17';
  if (rawVersion === 9) return 'LLVM 18';
  if (rawVersion === 10) return 'LLVM 19-22';
  if (rawVersion < 8) return 'LLVM 13 or older';
  return 'an LLVM newer than 22';
}

/** The supported versions and their writers, for messages. */
export const SUPPORTED_RAW_VERSIONS =
  'LLVM 14-17 write raw version 8, LLVM 18 writes 9, LLVM 19-22 write 10';

/** Padding that rounds `size` up to a multiple of 8 (getNumPaddingBytes in InstrProfReader). */
export function padding8(size: bigint): bigint {
  return (8n - (size % 8n)) % 8n;
}
