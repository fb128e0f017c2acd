// Decides what kind of crate to write, for which target and QEMU machine, from the options given;
// rejects every mismatch.
import { MinicovError } from '../../errors';
import {
  DEFAULT_MACHINE,
  describeMachines,
  findMachine,
  SUPPORTED_TARGETS,
  type CrateTarget,
  type FirmwareTarget,
  type Machine,
} from '../../board/machines';

/** A host library covered by its unit tests. */
export interface LibPlan {
  kind: 'lib';
  target: 'host';
}

/** Firmware run in QEMU on `machine`. */
export interface FirmwarePlan {
  kind: 'firmware';
  target: FirmwareTarget;
  machine: Machine;
}

/** What the generator writes. */
export type CratePlan = LibPlan | FirmwarePlan;

const NOTHING_WRITTEN = 'nothing was written';

/**
 * Resolves --kind, --target and --machine (defaults: firmware on lm3s6965evb, unless --target host);
 * throws on bad input.
 */
export function planCrate(options: {
  kind?: string;
  target?: string;
  machine?: string;
}): CratePlan {
  const target = options.target === undefined ? undefined : checkTarget(options.target);
  const machine = options.machine === undefined ? undefined : checkMachine(options.machine);
  const kind = options.kind ?? (target === 'host' ? 'lib' : 'firmware');
  if (kind === 'lib') return planLib(target, machine);
  if (kind === 'firmware') return planFirmware(target, machine);
  throw new MinicovError(
    `--kind ${kind} is not a kind of crate the generator writes`,
    `use --kind firmware (runs in QEMU) or --kind lib (host library with unit tests); ${NOTHING_WRITTEN}`,
  );
}

function checkTarget(target: string): CrateTarget {
  if (target === 'thumbv6m-none-eabi') {
    throw new MinicovError(
      '--target thumbv6m-none-eabi is not supported by the crate generator yet: the minicov runtime compiles for it, but no firmware for it has been run in QEMU',
      `use --target thumbv7m-none-eabi (Cortex-M3) or --target thumbv7em-none-eabihf (Cortex-M4F); ${NOTHING_WRITTEN}`,
    );
  }
  const found = SUPPORTED_TARGETS.find((supported) => supported === target);
  if (!found) {
    throw new MinicovError(
      `--target ${target} is not supported by the crate generator`,
      `use one of: ${SUPPORTED_TARGETS.join(', ')}; ${NOTHING_WRITTEN}`,
    );
  }
  return found;
}

function checkMachine(name: string): Machine {
  const machine = findMachine(name);
  if (!machine) {
    throw new MinicovError(
      `--machine ${name} is not a QEMU machine the crate generator supports`,
      `use one of: ${describeMachines()}; ${NOTHING_WRITTEN}`,
    );
  }
  return machine;
}

function planLib(target: CrateTarget | undefined, machine: Machine | undefined): LibPlan {
  if (target !== undefined && target !== 'host') {
    throw new MinicovError(
      `--kind lib with --target ${target}: a lib is a host library whose coverage comes from its unit tests`,
      `use --kind firmware for ${target}, or --target host for a lib; ${NOTHING_WRITTEN}`,
    );
  }
  if (machine) {
    throw new MinicovError(
      `--machine ${machine.name} with a host lib: a lib runs its unit tests on the host, not in QEMU`,
      `drop --machine, or use --kind firmware with one of: ${describeMachines()}; ${NOTHING_WRITTEN}`,
    );
  }
  return { kind: 'lib', target: 'host' };
}

function planFirmware(target: CrateTarget | undefined, machine: Machine | undefined): FirmwarePlan {
  if (target === 'host') {
    throw new MinicovError(
      '--kind firmware with --target host: firmware runs in QEMU and needs an embedded target',
      `use --target thumbv7m-none-eabi or --target thumbv7em-none-eabihf, or --kind lib for a host library; ${NOTHING_WRITTEN}`,
    );
  }
  const resolved = target ?? machine?.target ?? 'thumbv7m-none-eabi';
  const chosen = machine ?? (findMachine(DEFAULT_MACHINE[resolved]) as Machine);
  if (chosen.target !== resolved) {
    throw new MinicovError(
      `--machine ${chosen.name} (${chosen.cpu}) runs ${chosen.target}, not --target ${resolved}`,
      `for --target ${resolved} use --machine with one of: ${describeMachines(resolved)}; ${NOTHING_WRITTEN}`,
    );
  }
  return { kind: 'firmware', target: resolved, machine: chosen };
}
