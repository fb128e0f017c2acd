// The machine a crate's QEMU runs emulate, with the memory map its board-faithful runs and layout checks need.
import { ManifestError } from '../model/manifest-error';
import { describeMachines, findMachine, type Machine } from './machines';

/** The crate's `machine` from the table; an unknown name stops before anything is built or run, listing the choices. */
export function runMachine(
  projectRoot: string,
  machine: string | undefined,
  target: string | undefined,
): Machine {
  const found = machine === undefined ? undefined : findMachine(machine);
  if (found && (target === undefined || found.target === target)) return found;
  const manifest = `${projectRoot}/Cargo.toml`;
  if (found) {
    throw new ManifestError(
      `${manifest}: package.metadata.minicov.machine "${machine}" is a ${found.cpu} (${found.target}), but the crate builds for ${target}`,
      `use a machine for ${target}: ${describeMachines(target) || 'none is supported'}`,
    );
  }
  const fix = `use one of: ${describeMachines(target) || describeMachines()} (minicov loads what a flash programmer writes and fills RAM as a board has it at power-up, so it needs the machine's flash and RAM)`;
  if (machine === undefined)
    throw new ManifestError(`${manifest}: package.metadata.minicov.machine is missing`, fix);
  throw new ManifestError(
    `${manifest}: package.metadata.minicov.machine "${machine}" is not a machine minicov knows the memory map of`,
    fix,
  );
}
