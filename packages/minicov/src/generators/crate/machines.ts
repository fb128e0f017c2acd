// The targets and QEMU machines the crate generator can scaffold for, with each machine's memory map.

/** An embedded Rust target the generator writes firmware for. */
export type FirmwareTarget = 'thumbv7m-none-eabi' | 'thumbv7em-none-eabihf';

/** A target the generator accepts: the host (libraries) or an embedded one (firmware). */
export type CrateTarget = 'host' | FirmwareTarget;

/** A QEMU machine firmware can run on, and where its linker script puts code and data. */
export interface Machine {
  name: string;
  cpu: string;
  target: FirmwareTarget;
  flash: { origin: string; length: string };
  ram: { origin: string; length: string };
}

/** Every machine the generator supports, in the order error messages list them. */
export const MACHINES: readonly Machine[] = [
  { name: 'lm3s6965evb', cpu: 'Cortex-M3', target: 'thumbv7m-none-eabi', flash: { origin: '0x00000000', length: '256K' }, ram: { origin: '0x20000000', length: '64K' } },
  { name: 'mps2-an385', cpu: 'Cortex-M3', target: 'thumbv7m-none-eabi', flash: { origin: '0x00000000', length: '4M' }, ram: { origin: '0x20000000', length: '4M' } },
  { name: 'mps2-an386', cpu: 'Cortex-M4F', target: 'thumbv7em-none-eabihf', flash: { origin: '0x00000000', length: '4M' }, ram: { origin: '0x20000000', length: '4M' } },
];

/** The targets accepted by --target. */
export const SUPPORTED_TARGETS: readonly CrateTarget[] = ['host', 'thumbv7m-none-eabi', 'thumbv7em-none-eabihf'];

/** The machine a firmware target runs on when --machine is not given. */
export const DEFAULT_MACHINE: Readonly<Record<FirmwareTarget, string>> = {
  'thumbv7m-none-eabi': 'lm3s6965evb',
  'thumbv7em-none-eabihf': 'mps2-an386',
};

/** The machine called `name`, if supported. */
export function findMachine(name: string): Machine | undefined {
  return MACHINES.find((machine) => machine.name === name);
}

/** "lm3s6965evb (Cortex-M3, thumbv7m-none-eabi), ..." for messages; only `target`'s machines when given. */
export function describeMachines(target?: FirmwareTarget): string {
  return MACHINES.filter((machine) => !target || machine.target === target)
    .map((machine) => `${machine.name} (${machine.cpu}, ${machine.target})`)
    .join(', ');
}
