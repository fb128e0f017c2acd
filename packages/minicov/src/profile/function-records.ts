// Where each function record's counters and bitmap bytes lie, found through the header deltas as llvm-profdata finds
// them, and whether its counters hold values llvm-profdata takes for real ones.
import { dataRecordLayout } from './data-record-layout';
import type { ProfileBodyAccess } from './profile-body-access';
import { RAW_PROFILE_FIXES } from './raw-profile-error';

/**
 * llvm-profdata refuses to merge a profile with a counter above this
 * (MaxCounterValue; llvm-profdata-22 checks it, 14 did not).
 */
export const MAX_COUNTER_VALUE = 1n << 56n;
/** Variant flag: each function's first counter is a timestamp, not a count (temporal profiling). */
const VARIANT_TEMPORAL_PROFILE = 1n << 63n;

/**
 * Throws unless every record has counters, its counters (and bitmap bytes) lie inside their sections,
 * and no count is absurd.
 */
export function checkFunctionRecords(body: ProfileBodyAccess): void {
  const { profile, read, recordLabel, fail } = body;
  const layout = dataRecordLayout(profile.rawVersion, profile.pointerBytes);
  const count = Number(profile.header.numData);
  checkRecordsWereInMemory(body, count * layout.size);
  // A binary-correlated profile holds counters without records: every counter is checked on its own.
  if (count === 0 && profile.counterBytes === 8)
    checkCounterValues(
      body,
      (counter) => `counter ${counter} of the counters section`,
      profile.sections.counters.offset,
      profile.sections.counters.size / 8,
      0,
    );
  for (let index = 0; index < count; index++) {
    const at = profile.sections.data.offset + index * layout.size;
    // llvm-profdata lowers both deltas by one record size per record it reads (advanceData).
    const advanced = BigInt(index * layout.size);
    const numCounters = read(at + layout.numCountersOffset, 4);
    if (numCounters === 0n) {
      fail(
        `malformed function record: ${recordLabel(index)} has no counters`,
        RAW_PROFILE_FIXES.corrupt,
      );
    }
    const counterOffset =
      read(at + layout.counterPtrOffset, profile.pointerBytes) -
      (profile.header.countersDelta - advanced);
    const counterRange = {
      offset: counterOffset,
      size: numCounters * BigInt(profile.counterBytes),
    };
    checkRange(
      body,
      index,
      'counters',
      counterRange,
      profile.sections.counters.size,
      'countersDelta',
    );
    checkCounterValues(
      body,
      (counter) => `counter ${counter} of ${recordLabel(index)}`,
      profile.sections.counters.offset + Number(BigInt.asIntN(64, counterOffset)),
      Number(numCounters),
      (profile.variantFlags & VARIANT_TEMPORAL_PROFILE) !== 0n ? 1 : 0,
    );
    if (layout.bitmapPtrOffset === undefined || layout.numBitmapBytesOffset === undefined) continue;
    const bitmapBytes = read(at + layout.numBitmapBytesOffset, 4);
    if (bitmapBytes === 0n) continue;
    const bitmapOffset =
      read(at + layout.bitmapPtrOffset, profile.pointerBytes) -
      (profile.header.bitmapDelta - advanced);
    checkRange(
      body,
      index,
      'bitmap',
      { offset: bitmapOffset, size: bitmapBytes },
      profile.sections.bitmap.size,
      'bitmapDelta',
    );
  }
}

/**
 * Records that are one byte repeated were never in memory: the program read RAM where flash contents should have been.
 */
function checkRecordsWereInMemory(body: ProfileBodyAccess, size: number): void {
  const { profile } = body;
  if (size < 16) return;
  const records = body.bytes.subarray(
    profile.sections.data.offset,
    profile.sections.data.offset + size,
  );
  const first = records[0];
  if (first === undefined || first === 0 || !records.every((byte) => byte === first)) return;
  body.fail(
    `the ${Number(profile.header.numData)} function records are the byte 0x${first.toString(16).padStart(2, '0')} repeated: ` +
      '__llvm_prf_data was not in memory when the profile was written (RAM the startup code never filled, where the records should have been in flash)',
    RAW_PROFILE_FIXES.recordsNotLoaded,
  );
}

/** Eight-byte counters above MAX_COUNTER_VALUE are damage (a flipped high bit, a stray write), not counts. */
function checkCounterValues(
  body: ProfileBodyAccess,
  label: (counter: number) => string,
  at: number,
  count: number,
  first: number,
): void {
  const { profile, read } = body;
  if (profile.counterBytes !== 8) return;
  for (let counter = first; counter < count; counter++) {
    const value = read(at + counter * 8, 8);
    if (value > MAX_COUNTER_VALUE) {
      const fill = fillByte(value);
      if (fill !== undefined) {
        body.fail(
          `counters that were never zeroed: ${label(counter)} holds 0x${value.toString(16)}, the byte 0x${fill} repeated plus a count: ` +
            `__llvm_prf_cnts held memory contents when the program started (a board's RAM at power-up, which minicov's QEMU runs fill with 0xa5; stack painting writes 0xcc)`,
          RAW_PROFILE_FIXES.notZeroed,
        );
      }
      body.fail(
        `corrupt counter: ${label(counter)} holds ${value}, more than 2^56, which llvm-profdata refuses as corrupted data`,
        RAW_PROFILE_FIXES.corrupt,
      );
    }
  }
}

/** The byte repeated in a counter's high half (0xa5a5a5a5_xxxxxxxx is RAM fill plus a count), if it is one. */
function fillByte(value: bigint): string | undefined {
  const high = value >> 32n;
  const byte = high & 0xffn;
  const repeated = byte * 0x01010101n;
  return byte !== 0n && high === repeated ? byte.toString(16).padStart(2, '0') : undefined;
}

interface Range {
  /** Offset into the section, before wrapping to a signed 64-bit value as llvm-profdata's ptrdiff_t does. */
  offset: bigint;
  size: bigint;
}

function checkRange(
  body: ProfileBodyAccess,
  index: number,
  what: 'counters' | 'bitmap',
  range: Range,
  sectionSize: number,
  delta: string,
): void {
  const offset = BigInt.asIntN(64, range.offset);
  const total = BigInt(sectionSize);
  if (offset >= 0n && offset < total && range.size <= total - offset) return;
  const units = what === 'counters' ? 'counter bytes' : 'bitmap bytes';
  body.fail(
    `malformed function record: ${body.recordLabel(index)} has ${range.size} ${units} at offset ${offset} of the ${what} section, ` +
      `which holds ${sectionSize} bytes (the record's offset and the header's ${delta} disagree)`,
    RAW_PROFILE_FIXES.corrupt,
  );
}
