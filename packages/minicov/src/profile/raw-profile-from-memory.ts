// The raw profile a program's runtime would write, made on the host: everything but the counters and bitmap is known
// from the binary, and those two are read from the halted target's memory (a debugger's view of the device).
import { dataRecordLayout, type RawVersion } from './data-record-layout';
import type { ElfFile } from './elf-file';
import { locatePrfSection, readPrfSection } from './prf-sections';
import {
  RAW_MAGIC_32,
  RAW_MAGIC_64,
  VARIANT_BYTE_COVERAGE,
  padding8,
  rawHeaderFields,
  type RawHeaderField,
} from './raw-header-fields';

/** Where a program keeps what it counts: the address and size of its counters and bitmap sections. */
export interface CountedMemory {
  counters: { address: bigint; size: number };
  bitmap: { address: bigint; size: number };
}

/** The counters and bitmap sections of `elf` (zero-sized when absent). */
export function countedMemory(elf: ElfFile): CountedMemory {
  const range = (name: string) => {
    const found = locatePrfSection(elf, name);
    return found
      ? { address: found.start, size: Number(found.end - found.start) }
      : { address: 0n, size: 0 };
  };
  return { counters: range('__llvm_prf_cnts'), bitmap: range('__llvm_prf_bits') };
}

/**
 * The raw profile of `elf` (raw version `rawVersion`) with `counters` and `bitmap` as the target held them: the records
 * and names from the binary, or none when it was built with binary correlation; no value profiles (a debugger cannot
 * tell the runtime's value nodes apart), no binary ids.
 */
export function rawProfileFromMemory(
  elf: ElfFile,
  rawVersion: RawVersion,
  counters: Buffer,
  bitmap: Buffer,
): Buffer {
  const pointerBits = BigInt(elf.pointerBytes * 8);
  const versionSymbol = elf.symbol('__llvm_profile_raw_version');
  const version = versionSymbol
    ? elf.readUnsigned(elf.readAtAddress(versionSymbol.value, 8), 0, 8)
    : BigInt(rawVersion);
  const dataRange = locatePrfSection(elf, '__llvm_prf_data');
  const data = readPrfSection(elf, '__llvm_prf_data') ?? Buffer.alloc(0);
  const names = readPrfSection(elf, '__llvm_prf_names') ?? Buffer.alloc(0);
  const memory = countedMemory(elf);
  const correlated = data.length === 0;
  const recordSize = dataRecordLayout(rawVersion, elf.pointerBytes).size;
  const counterBytes = (version & VARIANT_BYTE_COVERAGE) !== 0n ? 1 : 8;
  const dataStart = dataRange?.start ?? 0n;
  const delta = (address: bigint) =>
    correlated ? 0n : BigInt.asUintN(Number(pointerBits), address - dataStart);
  const header: Record<RawHeaderField, bigint> = {
    magic: elf.pointerBytes === 8 ? RAW_MAGIC_64 : RAW_MAGIC_32,
    version,
    binaryIdsSize: 0n,
    numData: BigInt(data.length / recordSize),
    paddingBytesBeforeCounters: 0n,
    numCounters: BigInt(counters.length / counterBytes),
    paddingBytesAfterCounters: padding8(BigInt(counters.length)),
    numBitmapBytes: BigInt(bitmap.length),
    paddingBytesAfterBitmapBytes: padding8(BigInt(bitmap.length)),
    namesSize: BigInt(names.length),
    countersDelta: delta(memory.counters.address),
    bitmapDelta: delta(memory.bitmap.address),
    namesDelta: correlated ? 0n : (locatePrfSection(elf, '__llvm_prf_names')?.start ?? 0n),
    numVTables: 0n,
    vNamesSize: 0n,
    valueKindLast: rawVersion >= 10 ? 2n : 1n,
  };
  const fields = rawHeaderFields(rawVersion);
  const head = Buffer.alloc(fields.length * 8);
  fields.forEach((field, i) => {
    if (elf.littleEndian) head.writeBigUInt64LE(header[field], i * 8);
    else head.writeBigUInt64BE(header[field], i * 8);
  });
  const pad = (bytes: Buffer) => Buffer.alloc(Number(padding8(BigInt(bytes.length))));
  return Buffer.concat([
    head,
    data,
    counters,
    pad(counters),
    ...(rawVersion >= 9 ? [bitmap, pad(bitmap)] : []),
    names,
    pad(names),
  ]);
}
