// Checks that a raw profile fits a binary: same raw version and pointer width, and written by that very build.
import {
  dataRecordLayout,
  readDataRecord,
  type DataRecordLayout,
  type IntReader,
} from './data-record-layout';
import { hex, type ElfFile } from './elf-file';
import { correlatedRecords, readPrfSection } from './prf-sections';
import { profileNamesByRef } from './profile-names';
import { checkRawProfileBody } from './raw-profile-body';
import { VARIANT_DEBUG_INFO_CORRELATE, VERSION_MASK, llvmMajorsWriting } from './raw-header-fields';
import { readRawProfileHeader, type RawProfile } from './raw-profile-reader';
import { RAW_PROFILE_FIXES, RawProfileError } from './raw-profile-error';

/** What the binary (or the pinned toolchain) expects of its profiles. */
export interface RawProfileExpectation {
  rawVersion: number;
  pointerBytes: 4 | 8;
  /** The LLVM major the workspace pins, for messages. */
  llvmMajor?: number;
}

/**
 * Parses `bytes` and throws RawProfileError when its raw version or pointer width is not the expected one,
 * or its body is damaged.
 */
export function validateRawProfile(
  file: string,
  bytes: Buffer,
  expect: RawProfileExpectation,
): RawProfile {
  const profile = readRawProfileHeader(file, bytes, {
    pinnedLlvmMajor: expect.llvmMajor,
    pinnedRawVersion: expect.rawVersion,
  });
  checkExpectation(profile, expect);
  checkRawProfileBody(profile, bytes);
  return profile;
}

function checkExpectation(profile: RawProfile, expect: RawProfileExpectation): void {
  const file = profile.file;
  if ((profile.variantFlags & VARIANT_DEBUG_INFO_CORRELATE) !== 0n) {
    throw new RawProfileError(
      file,
      "written with debug-info correlation (-profile-correlate=debug-info): its counters can only be matched to functions through the binary's debug info, which minicov does not hand to llvm-profdata",
      'build the program without -profile-correlate=debug-info (the minicov instrument target never adds it) and use the profile that build writes',
    );
  }
  if (profile.pointerBytes !== expect.pointerBytes) {
    throw new RawProfileError(
      file,
      `written by a ${profile.pointerBytes * 8}-bit program, the binary is ${expect.pointerBytes * 8}-bit`,
      "use the profile that the program built for this binary's target wrote: a 32-bit firmware and a 64-bit host test write different profiles, which cannot be mixed",
    );
  }
  if (profile.rawVersion !== expect.rawVersion) {
    const toolchain =
      expect.llvmMajor === undefined
        ? `the binary's toolchain writes raw version ${expect.rawVersion} (${llvmMajorsWriting(expect.rawVersion)})`
        : `the toolchain is pinned to LLVM ${expect.llvmMajor} (raw version ${expect.rawVersion})`;
    throw new RawProfileError(
      file,
      `raw version ${profile.rawVersion} (${llvmMajorsWriting(profile.rawVersion)}) but ${toolchain}`,
      `rebuild and rerun the program with the ${expect.llvmMajor === undefined ? 'same' : `pinned LLVM ${expect.llvmMajor}`} toolchain that built the binary, and delete profiles written by other toolchains`,
    );
  }
}

/** Throws RawProfileError unless `profileBytes` was written by the build of `binaryPath` that `elf` holds. */
export function checkProfileMatchesBinary(
  profileFile: string,
  profileBytes: Buffer,
  binaryPath: string,
  elf: ElfFile,
): RawProfile {
  const binaryVersion = binaryRawVersion(elf);
  const profile = readRawProfileHeader(profileFile, profileBytes);
  checkExpectation(profile, {
    rawVersion: binaryVersion ?? profile.rawVersion,
    pointerBytes: elf.pointerBytes,
  });
  const differs = (what: string): never => {
    throw new RawProfileError(
      profileFile,
      `was written by a different build of ${binaryPath} (${what})`,
      RAW_PROFILE_FIXES.differentBuild,
    );
  };
  if (profile.littleEndian !== elf.littleEndian) {
    differs(
      `the profile is ${endian(profile.littleEndian)}, the binary ${endian(elf.littleEndian)}`,
    );
  }
  checkRawProfileBody(profile, profileBytes);
  const data = readPrfSection(elf, '__llvm_prf_data');
  const correlated = !data?.length && correlatedRecords(elf) !== undefined;
  if (!data && !correlated) {
    throw new RawProfileError(
      profileFile,
      `cannot come from ${binaryPath}: the binary has no __llvm_prf_data section, so it is not instrumented`,
      'pass the instrumented binary that wrote the profile (built with -Cinstrument-coverage or -fprofile-instr-generate)',
    );
  }
  if (correlated) {
    // The records and names stay in the binary; the profile holds only what the program counted.
    if (profile.header.numData !== 0n)
      differs(
        `the profile holds ${profile.header.numData} function records, but the binary keeps its records out of the image (binary correlation, __llvm_covdata), so its profiles hold none`,
      );
  } else {
    const mismatch = firstRecordMismatch(profile, profileBytes, data as Buffer, elf);
    if (mismatch) differs(`function records differ at record ${mismatch}`);
  }
  const sizes: [string, number, Buffer | undefined][] = [
    ['counters section', profile.sections.counters.size, readPrfSection(elf, '__llvm_prf_cnts')],
    ['bitmap section', profile.sections.bitmap.size, readPrfSection(elf, '__llvm_prf_bits')],
    ['names section', profile.sections.names.size, readPrfSection(elf, '__llvm_prf_names')],
  ];
  for (const [what, inProfile, inBinary] of sizes) {
    const binarySize = inBinary?.length ?? 0;
    if (inProfile !== binarySize)
      differs(`the ${what} is ${inProfile} bytes in the profile, ${binarySize} in the binary`);
  }
  const names = profileBytes.subarray(
    profile.sections.names.offset,
    profile.sections.names.offset + profile.sections.names.size,
  );
  if (!names.equals(readPrfSection(elf, '__llvm_prf_names') ?? Buffer.alloc(0)))
    differs('the function names differ');
  return profile;
}

/** The raw version in the binary's __llvm_profile_raw_version, when it has one. */
function binaryRawVersion(elf: ElfFile): number | undefined {
  const symbol = elf.symbol('__llvm_profile_raw_version');
  if (!symbol) return undefined;
  return Number(elf.readUnsigned(elf.readAtAddress(symbol.value, 8), 0, 8) & VERSION_MASK);
}

/**
 * "N: detail" for the first record that differs, comparing every field the compiler fixes at build time.
 * FunctionPointer (relocated when a PIE is loaded) and Values (set by the runtime) are left out.
 */
function firstRecordMismatch(
  profile: RawProfile,
  bytes: Buffer,
  binaryData: Buffer,
  elf: ElfFile,
): string | undefined {
  const layout = dataRecordLayout(profile.rawVersion, profile.pointerBytes);
  const inProfile = bytes.subarray(
    profile.sections.data.offset,
    profile.sections.data.offset + profile.sections.data.size,
  );
  const names = profileNamesByRef(
    bytes.subarray(
      profile.sections.names.offset,
      profile.sections.names.offset + profile.sections.names.size,
    ),
  );
  const binaryCount = Math.floor(binaryData.length / layout.size);
  const profileCount = inProfile.length / layout.size;
  for (let i = 0; i < Math.min(binaryCount, profileCount); i++) {
    const ours = inProfile.subarray(i * layout.size, (i + 1) * layout.size);
    const theirs = binaryData.subarray(i * layout.size, (i + 1) * layout.size);
    const detail = recordDifference(ours, theirs, layout, elf, names);
    if (detail) return `${i}: ${detail}`;
  }
  if (binaryData.length % layout.size !== 0) {
    return `${binaryCount}: the binary's __llvm_prf_data is ${binaryData.length} bytes, not a whole number of ${layout.size}-byte raw version ${layout.rawVersion} records`;
  }
  if (binaryCount !== profileCount)
    return `${Math.min(binaryCount, profileCount)}: the profile has ${profileCount} function records, the binary ${binaryCount}`;
  return undefined;
}

function recordDifference(
  ours: Buffer,
  theirs: Buffer,
  layout: DataRecordLayout,
  reader: IntReader,
  names: Map<bigint, string>,
): string | undefined {
  const skipped = [layout.functionPointerOffset, layout.valuesOffset];
  const differsAt = [...ours.keys()].find(
    (at) =>
      ours[at] !== theirs[at] &&
      !skipped.some((start) => at >= start && at < start + layout.pointerBytes),
  );
  if (differsAt === undefined) return undefined;
  const a = readDataRecord(reader, ours, 0, layout);
  const b = readDataRecord(reader, theirs, 0, layout);
  const fn = names.get(a.nameRef) ?? hex(a.nameRef);
  if (a.nameRef !== b.nameRef)
    return `${fn} in the profile, ${names.get(b.nameRef) ?? hex(b.nameRef)} in the binary`;
  if (a.funcHash !== b.funcHash)
    return `${fn} has structural hash ${hex(a.funcHash)} in the profile, ${hex(b.funcHash)} in the binary`;
  if (a.numCounters !== b.numCounters)
    return `${fn} has ${a.numCounters} counters in the profile, ${b.numCounters} in the binary`;
  return `the ${recordField(layout, differsAt)} of ${fn} differs`;
}

/** The name of the record field holding byte `at`, for messages. */
function recordField(layout: DataRecordLayout, at: number): string {
  const starts: [string, number | undefined][] = [
    ['name hash', layout.nameRefOffset],
    ['structural hash', layout.funcHashOffset],
    ['counter offset', layout.counterPtrOffset],
    ['bitmap offset', layout.bitmapPtrOffset],
    ['counter count', layout.numCountersOffset],
    ['value site counts', layout.numValueSitesOffset],
    ['bitmap size', layout.numBitmapBytesOffset],
  ];
  const field = starts
    .filter(([, start]) => start !== undefined && start <= at)
    .sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0))[0];
  return field?.[0] ?? `byte ${at}`;
}

function endian(little: boolean): string {
  return little ? 'little-endian' : 'big-endian';
}
