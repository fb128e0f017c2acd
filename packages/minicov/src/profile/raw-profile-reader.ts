// Reads an LLVM raw profile's header and locates every section as llvm-profdata does; never reads past the buffer.
import { dataRecordLayout, type RawVersion } from './data-record-layout';
import {
  RAW_MAGIC_32,
  RAW_MAGIC_64,
  SUPPORTED_RAW_VERSIONS,
  VARIANT_BYTE_COVERAGE,
  VERSION_MASK,
  decodeMagic,
  knownVariantFlags,
  llvmMajorsWriting,
  padding8,
  rawHeaderFields,
  rawHeaderSize,
  vtableRecordSize,
  type RawHeaderField,
} from './raw-header-fields';
import { RAW_PROFILE_FIXES, RawProfileError } from './raw-profile-error';

/** The sections of a raw profile in file order (bitmap from raw version 9, vtables from 10; absent ones are empty). */
export const RAW_SECTION_ORDER = [
  'header',
  'binaryIds',
  'data',
  'paddingBeforeCounters',
  'counters',
  'paddingAfterCounters',
  'bitmap',
  'paddingAfterBitmap',
  'names',
  'paddingAfterNames',
  'vtables',
  'paddingAfterVTables',
  'vNames',
  'paddingAfterVNames',
  'valueData',
] as const;

export type RawSectionName = (typeof RAW_SECTION_ORDER)[number];

/** Where one section lies in the file. */
export interface RawSection {
  name: RawSectionName;
  offset: number;
  size: number;
}

/** A raw profile's header and section layout. */
export interface RawProfile {
  file: string;
  pointerBytes: 4 | 8;
  littleEndian: boolean;
  rawVersion: RawVersion;
  /** The whole version word: the version in the low 32 bits, variant flags above. */
  versionWord: bigint;
  /** versionWord with the version bits cleared. */
  variantFlags: bigint;
  /** Header values by name; fields this raw version lacks read as 0. */
  header: Readonly<Record<RawHeaderField, bigint>>;
  /** Bytes per counter: 1 with single-byte coverage, else 8. */
  counterBytes: 1 | 8;
  /** Bytes per __llvm_prf_data record for this version and pointer width. */
  recordSize: number;
  /** The build ids (usually ELF build-ids) the program wrote, as found in the binary ids section. */
  binaryIds: readonly Buffer[];
  sections: Readonly<Record<RawSectionName, RawSection>>;
  fileLength: number;
}

/** Options for messages: the LLVM major the workspace pins, when known. */
export interface RawProfileReadOptions {
  pinnedLlvmMajor?: number;
  pinnedRawVersion?: number;
}

/** Largest section size taken as a real one (256 TiB); anything bigger means a corrupt header. */
const MAX_SECTION_BYTES = 1n << 48n;

const LABELS: Record<RawSectionName, string> = {
  header: 'header',
  binaryIds: 'binary ids section',
  data: 'data section (function records)',
  paddingBeforeCounters: 'padding before the counters',
  counters: 'counters section',
  paddingAfterCounters: 'padding after the counters',
  bitmap: 'bitmap section',
  paddingAfterBitmap: 'padding after the bitmap',
  names: 'names section',
  paddingAfterNames: 'padding after the names',
  vtables: 'vtables section',
  paddingAfterVTables: 'padding after the vtables',
  vNames: 'vtable names section',
  paddingAfterVNames: 'padding after the vtable names',
  valueData: 'value profile data',
};

/**
 * Parses the header of raw profile `bytes` (the contents of `file`) and computes every section's place;
 * throws RawProfileError only.
 */
export function readRawProfileHeader(
  file: string,
  bytes: Buffer,
  options: RawProfileReadOptions = {},
): RawProfile {
  const fail: Fail = (reason, fix = RAW_PROFILE_FIXES.incomplete) => {
    throw new RawProfileError(file, reason, fix);
  };
  const length = bytes.length;
  if (length === 0) fail('the file is empty: the program wrote no profile');
  const magic = decodeMagic(bytes);
  if (!magic) {
    if (length < 8 && isMagicPrefix(bytes))
      fail(`the file is ${length} bytes, shorter than a raw profile header`);
    fail(
      `not an LLVM raw profile: it starts with ${hexBytes(bytes.subarray(0, 8))}, not the magic \\xFFlprofr\\x81 (64-bit programs) or \\xFFlprofR\\x81 (32-bit programs)`,
      RAW_PROFILE_FIXES.notProfile,
    );
  }
  const { pointerBytes, littleEndian } = magic;
  const u64 = (at: number): bigint => {
    if (at < 0 || at + 8 > length)
      fail(`the file is ${length} bytes, too short to read a header field at offset ${at}`);
    return littleEndian ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at);
  };
  if (length < 16)
    fail(
      `the file is ${length} bytes, shorter than a raw profile header (the magic and version alone take 16)`,
    );

  const versionWord = u64(8);
  const rawVersion = supportedVersion(Number(versionWord & VERSION_MASK), options, fail);
  const headerSize = rawHeaderSize(rawVersion);
  if (length < headerSize) {
    fail(
      `the file is ${length} bytes, shorter than a raw version ${rawVersion} header (${headerSize} bytes)`,
    );
  }
  const header = Object.fromEntries(
    rawHeaderFields(rawVersion).map((name, i) => [name, u64(i * 8)]),
  );
  const field = (name: RawHeaderField): bigint => header[name] ?? 0n;
  const full = Object.fromEntries(ALL_FIELDS.map((name) => [name, field(name)])) as Record<
    RawHeaderField,
    bigint
  >;

  const variantFlags = versionWord & ~VERSION_MASK;
  const unknownFlags = variantFlags & ~knownVariantFlags(rawVersion);
  if (unknownFlags !== 0n) {
    // LLVM 14's llvm-profdata reads bits 32-55 as part of the version; no LLVM writer sets them.
    fail(
      `malformed header: the version word 0x${versionWord.toString(16)} sets variant flags 0x${unknownFlags.toString(16)}, which LLVM does not define for raw version ${rawVersion}`,
      RAW_PROFILE_FIXES.corrupt,
    );
  }
  const counterBytes = (variantFlags & VARIANT_BYTE_COVERAGE) !== 0n ? 1 : 8;
  const recordSize = dataRecordLayout(rawVersion, pointerBytes).size;
  const sized = (count: RawHeaderField, unit: number, what: string): bigint => {
    const size = field(count) * BigInt(unit);
    if (size > MAX_SECTION_BYTES) {
      const total = unit === 1 ? '' : ` of ${unit} bytes would take ${size} bytes`;
      fail(
        `implausible header: ${count} = ${field(count)} ${what}${total}, more than any real profile holds; the header is corrupt`,
        RAW_PROFILE_FIXES.corrupt,
      );
    }
    return size;
  };
  if (field('binaryIdsSize') % 8n !== 0n) {
    fail(
      `malformed header: the binary ids section size ${field('binaryIdsSize')} is not a multiple of 8`,
      RAW_PROFILE_FIXES.corrupt,
    );
  }
  const names = sized('namesSize', 1, 'bytes of names');
  const vtables = sized('numVTables', vtableRecordSize(pointerBytes), 'vtable records');
  const vNames = sized('vNamesSize', 1, 'bytes of vtable names');
  const sizes: Record<RawSectionName, bigint> = {
    header: BigInt(headerSize),
    binaryIds: sized('binaryIdsSize', 1, 'bytes of binary ids'),
    data: sized('numData', recordSize, 'function records'),
    paddingBeforeCounters: sized('paddingBytesBeforeCounters', 1, 'padding bytes'),
    counters: sized('numCounters', counterBytes, 'counters'),
    paddingAfterCounters: sized('paddingBytesAfterCounters', 1, 'padding bytes'),
    bitmap: sized('numBitmapBytes', 1, 'bitmap bytes'),
    paddingAfterBitmap: sized('paddingBytesAfterBitmapBytes', 1, 'padding bytes'),
    names,
    paddingAfterNames: padding8(names),
    vtables,
    paddingAfterVTables: padding8(vtables),
    vNames,
    paddingAfterVNames: padding8(vNames),
    valueData: 0n,
  };

  const sections = {} as Record<RawSectionName, RawSection>;
  let offset = 0n;
  for (const name of RAW_SECTION_ORDER) {
    const size = name === 'valueData' ? BigInt(length) - offset : sizes[name];
    if (offset + size > BigInt(length)) {
      fail(
        `truncated: the ${LABELS[name]} needs ${size} bytes at offset ${offset} but the file has ${length} bytes`,
      );
    }
    sections[name] = { name, offset: Number(offset), size: Number(size) };
    offset += size;
  }
  const binaryIds = readBinaryIds(bytes, sections.binaryIds, littleEndian, fail);
  return {
    file,
    pointerBytes,
    littleEndian,
    rawVersion,
    versionWord,
    variantFlags,
    header: full,
    counterBytes,
    recordSize,
    binaryIds,
    sections,
    fileLength: length,
  };
}

/** The label messages use for section `name`, e.g. "counters section". */
export function rawSectionLabel(name: RawSectionName): string {
  return LABELS[name];
}

const ALL_FIELDS = rawHeaderFields(10);

type Fail = (reason: string, fix?: string) => never;

function supportedVersion(version: number, options: RawProfileReadOptions, fail: Fail): RawVersion {
  if (version === 8 || version === 9 || version === 10) return version;
  const pinned =
    options.pinnedLlvmMajor !== undefined
      ? `; the workspace pins LLVM ${options.pinnedLlvmMajor}${options.pinnedRawVersion === undefined ? '' : ` (raw version ${options.pinnedRawVersion})`}`
      : '';
  const writer = llvmMajorsWriting(version);
  return fail(
    `unsupported raw profile version ${version} (written by ${writer}): ${SUPPORTED_RAW_VERSIONS}${pinned}`,
    options.pinnedLlvmMajor !== undefined
      ? `build and run the program with the pinned LLVM ${options.pinnedLlvmMajor} toolchain (clang-${options.pinnedLlvmMajor}, a rustc on LLVM ${options.pinnedLlvmMajor}) and use the profile it writes`
      : 'build and run the program with an LLVM 14-22 toolchain (clang or a rustc on LLVM 14-22) and use the profile it writes',
  );
}

/** Walks the binary ids section: u64 length, that many bytes, padding to 8 (readBinaryIdsInternal in LLVM). */
function readBinaryIds(
  bytes: Buffer,
  section: RawSection,
  littleEndian: boolean,
  fail: Fail,
): Buffer[] {
  const ids: Buffer[] = [];
  const end = section.offset + section.size;
  let at = section.offset;
  while (at < end) {
    if (end - at < 8)
      fail(
        'malformed binary ids section: not enough bytes left for a binary id length',
        RAW_PROFILE_FIXES.corrupt,
      );
    const idLength = littleEndian ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at);
    at += 8;
    const padded = idLength + padding8(idLength);
    if (idLength === 0n || padded > BigInt(end - at)) {
      fail(
        `malformed binary ids section: a binary id of ${idLength} bytes at offset ${at - 8} does not fit in it`,
        RAW_PROFILE_FIXES.corrupt,
      );
    }
    ids.push(bytes.subarray(at, at + Number(idLength)));
    at += Number(padded);
  }
  return ids;
}

const MAGIC_FORMS = [RAW_MAGIC_64, RAW_MAGIC_32].flatMap((magic) => {
  const be = Buffer.alloc(8);
  be.writeBigUInt64BE(magic);
  return [be, Buffer.from(be).reverse()];
});

function isMagicPrefix(bytes: Buffer): boolean {
  return MAGIC_FORMS.some((form) => form.subarray(0, bytes.length).equals(bytes));
}

function hexBytes(bytes: Buffer): string {
  const escaped = [...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  const printable = bytes.every((b) => b >= 0x20 && b < 0x7f);
  return printable ? `${escaped} ("${bytes.toString('latin1')}")` : escaped;
}
