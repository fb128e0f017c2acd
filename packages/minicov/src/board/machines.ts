// The QEMU machines firmware runs on, each with the memory map a flash programmer and the startup code see.

/** An embedded Rust target firmware is written for. */
export type FirmwareTarget = 'thumbv7m-none-eabi' | 'thumbv7em-none-eabihf';

/** A target the generators accept: the host (libraries, host programs) or an embedded one (firmware). */
export type CrateTarget = 'host' | FirmwareTarget;

/** One memory region: where it starts and how many bytes it has. */
export interface MemoryRegion {
  origin: number;
  length: number;
}

/**
 * A QEMU machine firmware can run on:
 * its core, its Rust target, the flash a programmer writes and the RAM it starts with.
 */
export interface Machine {
  name: string;
  cpu: string;
  target: FirmwareTarget;
  flash: MemoryRegion;
  ram: MemoryRegion;
}

const K = 1024;
const M = 1024 * K;

/** Every supported machine, in the order messages list them. */
export const MACHINES: readonly Machine[] = [
  {
    name: 'lm3s6965evb',
    cpu: 'Cortex-M3',
    target: 'thumbv7m-none-eabi',
    flash: { origin: 0x0, length: 256 * K },
    ram: { origin: 0x2000_0000, length: 64 * K },
  },
  {
    name: 'lm3s811evb',
    cpu: 'Cortex-M3',
    target: 'thumbv7m-none-eabi',
    flash: { origin: 0x0, length: 64 * K },
    ram: { origin: 0x2000_0000, length: 8 * K },
  },
  {
    name: 'mps2-an385',
    cpu: 'Cortex-M3',
    target: 'thumbv7m-none-eabi',
    flash: { origin: 0x0, length: 4 * M },
    ram: { origin: 0x2000_0000, length: 4 * M },
  },
  {
    name: 'mps2-an386',
    cpu: 'Cortex-M4F',
    target: 'thumbv7em-none-eabihf',
    flash: { origin: 0x0, length: 4 * M },
    ram: { origin: 0x2000_0000, length: 4 * M },
  },
];

/** The targets generators accept as --target. */
export const SUPPORTED_TARGETS: readonly CrateTarget[] = [
  'host',
  'thumbv7m-none-eabi',
  'thumbv7em-none-eabihf',
];

/** The machine a firmware target runs on when none is named. */
export const DEFAULT_MACHINE: Readonly<Record<FirmwareTarget, string>> = {
  'thumbv7m-none-eabi': 'lm3s6965evb',
  'thumbv7em-none-eabihf': 'mps2-an386',
};

/** The machine called `name`, if supported. */
export function findMachine(name: string): Machine | undefined {
  return MACHINES.find((machine) => machine.name === name);
}

/** Whether `target` is one firmware can be written for. */
export function isFirmwareTarget(target: string): target is FirmwareTarget {
  return target in DEFAULT_MACHINE;
}

/** "lm3s6965evb (Cortex-M3, thumbv7m-none-eabi), ..." for messages; only `target`'s machines when given. */
export function describeMachines(target?: string): string {
  return MACHINES.filter((machine) => !target || machine.target === target)
    .map((machine) => `${machine.name} (${machine.cpu}, ${machine.target})`)
    .join(', ');
}

/** A region as a linker script writes it: ORIGIN in hex, LENGTH in K or M. */
export function linkerRegion(region: MemoryRegion): { origin: string; length: string } {
  const origin = `0x${region.origin.toString(16).padStart(8, '0')}`;
  const length = region.length % M === 0 ? `${region.length / M}M` : `${region.length / K}K`;
  return { origin, length };
}

/** A region as messages write it: `0x20000000..0x20010000`. */
export function describeRegion(region: MemoryRegion): string {
  const hex = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;
  return `${hex(region.origin)}..${hex(region.origin + region.length)}`;
}
