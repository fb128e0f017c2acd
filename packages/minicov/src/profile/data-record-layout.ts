// Layout of one __llvm_prf_data record per raw profile version and pointer width (LLVM's InstrProfData.inc).
// Mirrors struct minicov_data_record in runtime/c/src/raw_format.h, whose static asserts pin the same sizes.

/** Raw profile versions minicov reads and writes. */
export type RawVersion = 8 | 9 | 10;

/** Byte offsets and size of one per-function data record. */
export interface DataRecordLayout {
  rawVersion: RawVersion;
  pointerBytes: 4 | 8;
  /** Record size, a multiple of 8 (the records are 8-aligned because of their u64 fields). */
  size: number;
  nameRefOffset: number;
  funcHashOffset: number;
  /** IntPtrT: counters address minus this record's address, signed. */
  counterPtrOffset: number;
  /** IntPtrT, raw version 9 and later only. */
  bitmapPtrOffset?: number;
  functionPointerOffset: number;
  valuesOffset: number;
  numCountersOffset: number;
  numValueSitesOffset: number;
  /** Length of NumValueSites: IPVK_Last + 1 (2 before raw version 10, 3 from 10 on, which added vtables). */
  valueKinds: number;
  /** u32, raw version 9 and later only. */
  numBitmapBytesOffset?: number;
}

/** The raw profile version LLVM `major` writes, or undefined for majors minicov does not support. */
export function rawVersionForLlvmMajor(major: number): RawVersion | undefined {
  if (major >= 14 && major <= 17) return 8;
  if (major === 18) return 9;
  if (major >= 19 && major <= 22) return 10;
  return undefined;
}

/** The data record layout for `rawVersion` on a target with `pointerBytes`-wide pointers. */
export function dataRecordLayout(rawVersion: RawVersion, pointerBytes: 4 | 8): DataRecordLayout {
  const hasBitmap = rawVersion >= 9;
  const valueKinds = rawVersion >= 10 ? 3 : 2;
  let at = 16; // NameRef u64, FuncHash u64
  const counterPtrOffset = at;
  at += pointerBytes;
  const bitmapPtrOffset = hasBitmap ? at : undefined;
  if (hasBitmap) at += pointerBytes;
  const functionPointerOffset = at;
  const valuesOffset = at + pointerBytes;
  const numCountersOffset = valuesOffset + pointerBytes;
  const numValueSitesOffset = numCountersOffset + 4;
  at = numValueSitesOffset + 2 * valueKinds;
  const numBitmapBytesOffset = hasBitmap ? alignUp(at, 4) : undefined;
  if (numBitmapBytesOffset !== undefined) at = numBitmapBytesOffset + 4;
  return {
    rawVersion,
    pointerBytes,
    size: alignUp(at, 8),
    nameRefOffset: 0,
    funcHashOffset: 8,
    counterPtrOffset,
    functionPointerOffset,
    valuesOffset,
    numCountersOffset,
    numValueSitesOffset,
    valueKinds,
    ...(bitmapPtrOffset === undefined ? {} : { bitmapPtrOffset }),
    ...(numBitmapBytesOffset === undefined ? {} : { numBitmapBytesOffset }),
  };
}

/** The fields of one record that a binary check needs. */
export interface DataRecordFields {
  nameRef: bigint;
  funcHash: bigint;
  counterPtr: bigint;
  numCounters: number;
}

/** Integer readers in the binary's byte order (ElfFile provides them). */
export interface IntReader {
  readUnsigned(buf: Buffer, at: number, bytes: 4 | 8): bigint;
  readSigned(buf: Buffer, at: number, bytes: 4 | 8): bigint;
}

/** Decodes the record starting at `at` in `records` according to `layout`. */
export function readDataRecord(
  reader: IntReader,
  records: Buffer,
  at: number,
  layout: DataRecordLayout,
): DataRecordFields {
  return {
    nameRef: reader.readUnsigned(records, at + layout.nameRefOffset, 8),
    funcHash: reader.readUnsigned(records, at + layout.funcHashOffset, 8),
    counterPtr: reader.readSigned(records, at + layout.counterPtrOffset, layout.pointerBytes),
    numCounters: Number(reader.readUnsigned(records, at + layout.numCountersOffset, 4)),
  };
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
