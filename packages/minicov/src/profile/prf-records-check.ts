// Checks an instrumented ELF's function records (__llvm_prf_data, or __llvm_covdata when correlated) against the
// pinned LLVM's layout and its counters.
import { dataRecordLayout, readDataRecord, type RawVersion } from './data-record-layout';
import { hex, type ElfFile } from './elf-file';
import type { AddressRange } from './prf-sections';
import type { BinaryProblem } from './binary-check-problem';

/** What the record walk found, for the report. */
export interface PrfRecordsSummary {
  recordCount: number;
  recordBytes: number;
  countersBytes: number;
}

const VERSION_VAR = '__llvm_profile_raw_version';
const VARIANT_BYTE_COVERAGE = 1n << 60n;

/**
 * The binary's function records: in `__llvm_prf_data`, loaded, each CounterPtr relative to its record's address; or,
 * built with binary correlation, in `__llvm_covdata`, which is not loaded, each CounterPtr the counters' address.
 */
export interface PrfRecords {
  range: AddressRange;
  correlated: boolean;
}

/** Checks the version variable, record size and every record's counter range; pushes problems found. */
export function checkPrfRecords(
  elf: ElfFile,
  { range: data, correlated }: PrfRecords,
  counters: AddressRange | undefined,
  pin: { llvmMajor: number; rawVersion: RawVersion },
  problems: BinaryProblem[],
): PrfRecordsSummary {
  const layout = dataRecordLayout(pin.rawVersion, elf.pointerBytes);
  const recordBytes = Number(data.end - data.start);
  const section = correlated ? '__llvm_covdata' : '__llvm_prf_data';
  const countersBytes = counters ? Number(counters.end - counters.start) : 0;
  const recordCount = Math.floor(recordBytes / layout.size);
  const target = `raw profile version ${pin.rawVersion} (LLVM ${pin.llvmMajor}), ${elf.pointerBytes * 8}-bit`;
  const mixedFix =
    `rebuild every instrumented object and library with the LLVM ${pin.llvmMajor} toolchain (clang-${pin.llvmMajor}, a rustc built on LLVM ${pin.llvmMajor}, the minicov runtime for raw version ${pin.rawVersion}); ` +
    'run `cargo clean` if old objects may be reused';
  const likely = `likely cause: objects instrumented by another LLVM version were linked in (or LLVM ${pin.llvmMajor} is not what built this binary)`;
  const counterBytes = checkVersionVariable(elf, pin, problems, mixedFix);

  if (!counters) {
    problems.push({
      kind: 'no-counters',
      message: `has ${section} (${data.via}) but no __llvm_prf_cnts counters section`,
      fix: 'link with a linker script that keeps __llvm_prf_cnts (KEEP(*(__llvm_prf_cnts))) and defines __start_/__stop_ symbols for it',
    });
  }
  if (recordBytes % layout.size !== 0) {
    problems.push({
      kind: 'record-layout',
      message: `${section} (${data.via}) is ${recordBytes} bytes, not a whole number of ${layout.size}-byte records for ${target}; ${likely}`,
      fix: mixedFix,
    });
  }
  if (!counters) return { recordCount, recordBytes, countersBytes };

  const records = correlated
    ? (elf.sectionContents(section) ?? Buffer.alloc(0))
    : elf.readAtAddress(data.start, recordBytes);
  for (let i = 0; i < recordCount; i++) {
    const at = i * layout.size;
    const recordAddr = data.start + BigInt(at);
    const record = readDataRecord(elf, records, at, layout);
    const first = (correlated ? 0n : recordAddr) + record.counterPtr;
    const last = first + BigInt(record.numCounters) * counterBytes;
    let wrong: string | undefined;
    if (record.numCounters === 0) wrong = 'NumCounters is 0';
    else if (first < counters.start || last > counters.end) {
      wrong = `its ${record.numCounters} counters at ${hex(first)}..${hex(last)} lie outside __llvm_prf_cnts ${hex(counters.start)}..${hex(counters.end)}`;
    } else if ((first - counters.start) % counterBytes !== 0n) {
      wrong = `its counters start at ${hex(first)}, not on a ${counterBytes}-byte counter boundary`;
    }
    if (wrong) {
      problems.push({
        kind: 'counter-range',
        message: `${section} record ${i} of ${recordCount} (at ${hex(recordAddr)}, NameRef ${hex(record.nameRef)}) read with the ${layout.size}-byte layout of ${target}: ${wrong}; ${likely}`,
        fix: mixedFix,
      });
      break;
    }
  }
  return { recordCount, recordBytes, countersBytes };
}

/** Compares __llvm_profile_raw_version, when the binary has it, with the pin; returns the counter width. */
function checkVersionVariable(
  elf: ElfFile,
  pin: { llvmMajor: number; rawVersion: RawVersion },
  problems: BinaryProblem[],
  fix: string,
): bigint {
  const symbol = elf.symbol(VERSION_VAR);
  if (!symbol) return 8n;
  const value = elf.readUnsigned(elf.readAtAddress(symbol.value, 8), 0, 8);
  const version = Number(value & 0xffffffffn);
  if (version !== pin.rawVersion) {
    problems.push({
      kind: 'profile-version',
      message: `${VERSION_VAR} says raw profile version ${version}, but LLVM ${pin.llvmMajor} writes version ${pin.rawVersion}`,
      fix,
    });
  }
  return (value & VARIANT_BYTE_COVERAGE) !== 0n ? 1n : 8n;
}
