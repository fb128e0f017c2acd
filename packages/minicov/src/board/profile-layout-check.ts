// Where a firmware's profile sections must be for a flashed board: records and names in flash,
// counters in RAM zeroed at reset.
import type { BinaryProblem } from '../profile/binary-check-problem';
import { hex, type ElfFile } from '../profile/elf-file';
import { locatePrfSection, type AddressRange } from '../profile/prf-sections';
import { inRegion } from './flash-image';
import { describeRegion, type Machine } from './machines';

/** How the crate's link is set up, for the fix texts. */
export interface LayoutContext {
  machine: Machine;
  /** minicov's linker fragment was added to the link (package.metadata.minicov.link-fragment). */
  linkFragment: boolean;
}

/**
 * Symbol pairs that startup code conventionally zeroes between: cortex-m-rt, minicov's generated firmware,
 * ST and newlib startups.
 */
export const ZEROED_RANGE_SYMBOLS: readonly (readonly [string, string])[] = [
  ['__sbss', '__ebss'],
  ['__zero_start', '__zero_end'],
  ['_sbss', '_ebss'],
  ['__bss_start__', '__bss_end__'],
];

/** The sections a profile reads from flash, and those the program writes in RAM. */
const FLASH_SECTIONS = ['__llvm_prf_data', '__llvm_prf_names'] as const;
const RAM_SECTIONS = ['__llvm_prf_cnts', '__llvm_prf_bits', '__llvm_prf_vals'] as const;

/** Every placement of a profile section that would differ on a flashed board; empty when the layout is sound. */
export function checkProfileLayout(elf: ElfFile, context: LayoutContext): BinaryProblem[] {
  const problems: BinaryProblem[] = [];
  const { machine } = context;
  const fix = placementFix(context);
  for (const name of FLASH_SECTIONS) {
    const range = nonEmpty(locatePrfSection(elf, name));
    if (!range || inRegion(machine.flash, range.start, range.end)) continue;
    problems.push({
      kind: 'layout',
      message: `${name} lies at ${describe(range)}, ${regionName(machine, range)}, not in flash (${describeRegion(machine.flash)} on ${machine.name}): a flash programmer writes only flash, so on a board the profile's ${name === '__llvm_prf_data' ? 'function records' : 'function names'} would be missing`,
      fix,
    });
  }
  const zeroed = zeroedRanges(elf);
  for (const name of RAM_SECTIONS) {
    const range = nonEmpty(locatePrfSection(elf, name));
    if (!range) continue;
    if (!inRegion(machine.ram, range.start, range.end)) {
      problems.push({
        kind: 'layout',
        message: `${name} lies at ${describe(range)}, outside RAM (${describeRegion(machine.ram)} on ${machine.name}): the program cannot count there`,
        fix,
      });
      continue;
    }
    const loaded = elf.loadSegments.find(
      (segment) =>
        segment.fileSize > 0n &&
        segment.paddr === segment.vaddr &&
        range.start >= segment.vaddr &&
        range.start < segment.vaddr + segment.fileSize,
    );
    if (loaded) {
      problems.push({
        kind: 'layout',
        message: `${name} at ${describe(range)} is loaded from the image straight into RAM: an emulator loading the ELF sets it, but a flash programmer does not write RAM, so on a board it starts with whatever RAM holds`,
        fix,
      });
      continue;
    }
    if (
      zeroed.length > 0 &&
      !zeroed.some((zone) => range.start >= zone.start && range.end <= zone.end)
    ) {
      const zones = zeroed
        .map((zone) => `${zone.via} = ${hex(zone.start)}..${hex(zone.end)}`)
        .join(', ');
      problems.push({
        kind: 'layout',
        message: `${name} at ${describe(range)} lies outside the RAM the startup code zeroes (${zones}): a board's RAM is not zero at power-up, so the counts would start from garbage`,
        fix,
      });
    }
    const free = freeRam(elf);
    if (free && range.end > free.start && range.start < free.end) {
      problems.push({
        kind: 'layout',
        message: `${name} at ${describe(range)} overlaps the heap and stack area (${free.via} = ${hex(free.start)}..${hex(free.end)}), which the heap, the stack and stack painting overwrite`,
        fix,
      });
    }
  }
  return problems;
}

/** The ranges the startup code zeroes, from the conventional symbol pairs the binary defines. */
function zeroedRanges(elf: ElfFile): AddressRange[] {
  return ZEROED_RANGE_SYMBOLS.flatMap(([first, last]) => {
    const start = elf.symbol(first);
    const end = elf.symbol(last);
    return start && end && end.value > start.value
      ? [{ start: start.value, end: end.value, via: `${first}..${last}` }]
      : [];
  });
}

/** cortex-m-rt's heap and stack area: from __sheap (or _stack_end) up to _stack_start. */
function freeRam(elf: ElfFile): AddressRange | undefined {
  const top = elf.symbol('_stack_start');
  const bottom = elf.symbol('__sheap') ?? elf.symbol('_stack_end');
  if (!top || !bottom || top.value <= bottom.value) return undefined;
  return { start: bottom.value, end: top.value, via: `${bottom.name}.._stack_start` };
}

function nonEmpty(range: AddressRange | undefined): AddressRange | undefined {
  return range && range.end > range.start ? range : undefined;
}

function describe(range: AddressRange): string {
  return `${hex(range.start)}..${hex(range.end)}`;
}

function regionName(machine: Machine, range: AddressRange): string {
  return inRegion(machine.ram, range.start, range.end)
    ? `in RAM (${describeRegion(machine.ram)})`
    : 'outside flash and RAM';
}

function placementFix(context: LayoutContext): string {
  if (context.linkFragment) {
    return (
      "minicov's linker fragment is in the link but did not place the section: check that the crate's linker script defines the output sections .rodata and .bss " +
      'and the memory regions FLASH and RAM (cortex-m-rt link.x does), or set `link-fragment = false` and place the sections in your own script (docs/adopting-firmware.md)'
    );
  }
  return (
    "with cortex-m-rt's link.x, set `link-fragment = true` in [package.metadata.minicov] and minicov places the profile sections; with your own linker script, " +
    'put __llvm_prf_data and __llvm_prf_names in flash (KEEP) and __llvm_prf_cnts and __llvm_prf_bits (NOLOAD) in RAM inside the range the reset handler zeroes (docs/adopting-firmware.md)'
  );
}
