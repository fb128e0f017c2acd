// Where a binary's LLVM profile sections are: the __start_/__stop_ symbols the runtime uses, or the section headers.
import type { ElfFile } from './elf-file';

/** An address range in the loaded image and how it was found. */
export interface AddressRange {
  start: bigint;
  end: bigint;
  via: string;
}

/** The range of profile section `name`: __start_/__stop_ symbols first, then the section header. */
export function locatePrfSection(elf: ElfFile, name: string): AddressRange | undefined {
  const start = elf.symbol(`__start_${name}`);
  const stop = elf.symbol(`__stop_${name}`);
  if (start && stop && stop.value >= start.value) {
    return { start: start.value, end: stop.value, via: `__start_${name}..__stop_${name}` };
  }
  const section = elf.section(name);
  return (
    section && { start: section.addr, end: section.addr + section.size, via: `section ${name}` }
  );
}

/** The bytes of profile section `name` in the loaded image, if the binary has it. */
export function readPrfSection(elf: ElfFile, name: string): Buffer | undefined {
  const range = locatePrfSection(elf, name);
  return range && elf.readAtAddress(range.start, Number(range.end - range.start));
}

/**
 * `__llvm_covdata`, where a build with binary correlation keeps its function records (not loaded: its address is 0),
 * when it has any.
 */
export function correlatedRecords(elf: ElfFile): AddressRange | undefined {
  const section = elf.section('__llvm_covdata');
  if (!section || section.size === 0n) return undefined;
  return { start: section.addr, end: section.addr + section.size, via: 'section __llvm_covdata' };
}
