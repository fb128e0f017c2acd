// What a flash programmer writes for an ELF: the file bytes of every load segment, at its load address, all in flash.
import type { ElfFile, ElfLoadSegment } from '../profile/elf-file';
import { hex } from '../profile/elf-file';
import { describeRegion, type Machine, type MemoryRegion } from './machines';
import { BoardLayoutError } from './board-layout-error';

/** Erased flash reads as all ones: the gaps between segments hold 0xff, as on a part. */
const ERASED_FLASH = 0xff;

/** One contiguous image to write at `address`. */
export interface FlashImage {
  address: number;
  bytes: Buffer;
}

/** Whether [start, end) lies inside `region`. */
export function inRegion(region: MemoryRegion, start: bigint, end: bigint): boolean {
  return (
    start >= BigInt(region.origin) && end <= BigInt(region.origin + region.length) && start <= end
  );
}

/**
 * The flash contents of `elf` on `machine`: every load segment with file bytes, placed at its load address.
 * A segment whose load address is outside flash (RAM loaded straight from the image) is an error: a flash programmer
 * never writes it, so the program would start without it.
 */
export function flashImage(elf: ElfFile, machine: Machine): FlashImage {
  const written = elf.loadSegments.filter((segment) => segment.fileSize > 0n);
  const outside = written.filter(
    (segment) => !inRegion(machine.flash, segment.paddr, segment.paddr + segment.fileSize),
  );
  if (outside.length > 0) {
    const lines = outside.map((segment) => `  ${describeSegment(elf, segment)}`).join('\n');
    throw new BoardLayoutError(
      `${elf.path}: ${outside.length} load segment(s) are not in flash (${describeRegion(machine.flash)} on ${machine.name}), ` +
        `so a flash programmer would not write them and the program would start without them:\n${lines}`,
      'give every section with contents a load address in FLASH (`> RAM AT > FLASH` for initialised data that the reset handler copies); ' +
        'profile sections: see docs/adopting-firmware.md (with cortex-m-rt, set `link-fragment = true` in [package.metadata.minicov])',
    );
  }
  if (written.length === 0) {
    throw new BoardLayoutError(
      `${elf.path}: no load segment has contents: there is nothing to write to flash`,
      'check the linker script places .text in FLASH',
    );
  }
  const start = Math.min(...written.map((segment) => Number(segment.paddr)));
  const end = Math.max(...written.map((segment) => Number(segment.paddr + segment.fileSize)));
  const bytes = Buffer.alloc(end - start, ERASED_FLASH);
  for (const segment of written)
    elf.segmentBytes(segment).copy(bytes, Number(segment.paddr) - start);
  return { address: start, bytes };
}

/** "0x20000000 (RW, 0x40 bytes from the file: __llvm_prf_cnts, .data)" for messages. */
export function describeSegment(elf: ElfFile, segment: ElfLoadSegment): string {
  const end = segment.vaddr + segment.memSize;
  const names = elf.sections
    .filter(
      (section) =>
        section.size > 0n &&
        section.addr >= segment.vaddr &&
        section.addr < end &&
        section.addr + section.size <= end &&
        (section.flags & 2n) !== 0n,
    )
    .map((section) => section.name);
  const at =
    segment.paddr === segment.vaddr
      ? hex(segment.paddr)
      : `${hex(segment.paddr)} (runs at ${hex(segment.vaddr)})`;
  return `${at}, ${segment.fileSize} bytes from the file: ${names.join(', ') || 'no named section'}`;
}
