// Decides how minicov builds and runs an adopted crate (host, or a firmware target on a QEMU machine)
// from the options and its Cargo configuration.
import {
  describeMachines,
  findMachine,
  isFirmwareTarget,
  MACHINES,
  SUPPORTED_TARGETS,
  type FirmwareTarget,
  type Machine,
} from '../../board/machines';
import { MinicovError } from '../../errors';
import {
  cfgRunners,
  configuredRunner,
  configuredTarget,
  type CargoConfigFile,
} from './crate-cargo-config';
import { parseRunnerLine } from './qemu-runner-line';

/** How the crate runs: on the build machine, or as firmware in QEMU; each choice says where it came from. */
export type CrateRunSettings =
  | { runner: 'host' }
  | {
      runner: 'qemu';
      target: FirmwareTarget;
      targetFrom: string;
      machine: Machine;
      machineFrom: string;
    };

/** What the decision reads: the crate (for messages), its config files (nearest first) and --target/--machine. */
export interface CrateRunInput {
  /** The crate as messages name it, e.g. `app (firmware/app)`. */
  crate: string;
  files: readonly CargoConfigFile[];
  target?: string;
  machine?: string;
}

const NOTHING_WRITTEN = 'nothing was written';

/**
 * Chooses the crate's target and machine (options first, then its .cargo/config.toml);
 * throws a MinicovError naming the choices when it cannot.
 */
export function decideRunSettings(input: CrateRunInput): CrateRunSettings {
  const { crate, files } = input;
  const configured = input.target === undefined ? configuredTarget(files) : undefined;
  const target = input.target ?? configured?.value;
  const targetFrom =
    input.target === undefined ? `build.target in ${configured?.file}` : '--target';
  if (target === undefined) {
    throw new MinicovError(
      `${crate}: no target: neither --target nor build.target in its .cargo/config.toml names one`,
      `pass --target=host for a program that runs on the build machine, or --target=<triple> --machine=<name> for firmware run in QEMU (${firmwareChoices()}); ${NOTHING_WRITTEN}`,
    );
  }
  if (target === 'host' && input.target !== undefined) {
    if (input.machine !== undefined) {
      throw new MinicovError(
        `${crate}: --machine ${input.machine} with --target=host: a host program runs on the build machine, not in QEMU`,
        `drop --machine, or pass a firmware target with its machine (${firmwareChoices()}); ${NOTHING_WRITTEN}`,
      );
    }
    return { runner: 'host' };
  }
  if (!isFirmwareTarget(target)) {
    throw new MinicovError(
      `${crate}: target ${target} (from ${targetFrom}) is not supported`,
      `minicov setup supports ${SUPPORTED_TARGETS.map((supported) => (supported === 'host' ? '--target=host' : supported)).join(', ')}; pass one with --target=<triple>, which takes precedence over .cargo/config.toml (${firmwareChoices()}); ${NOTHING_WRITTEN}`,
    );
  }
  const { name, from } = machineName(input, target);
  const machine = findMachine(name);
  if (!machine) {
    throw new MinicovError(
      `${crate}: QEMU machine ${name} (from ${from}) is not one minicov supports`,
      `for ${target} pass --machine=<name> with one of: ${describeMachines(target)}; ${NOTHING_WRITTEN}`,
    );
  }
  if (machine.target !== target) {
    throw new MinicovError(
      `${crate}: QEMU machine ${machine.name} (${machine.cpu}, from ${from}) runs ${machine.target}, not ${target} (from ${targetFrom})`,
      `for ${target} pass --machine=<name> with one of: ${describeMachines(target)}; or pass --target=${machine.target}; ${NOTHING_WRITTEN}`,
    );
  }
  return { runner: 'qemu', target, targetFrom, machine, machineFrom: from };
}

/** The machine named by --machine, else by the target's QEMU runner line; throws saying what was found. */
function machineName(input: CrateRunInput, target: FirmwareTarget): { name: string; from: string } {
  if (input.machine !== undefined) return { name: input.machine, from: '--machine' };
  const runner = configuredRunner(input.files, target);
  const parsed = runner && parseRunnerLine(runner.value);
  if (runner && parsed?.machine)
    return { name: parsed.machine, from: `the runner in ${runner.file}` };
  throw new MinicovError(
    `${input.crate}: no QEMU machine for ${target}: ${foundRunner(input.files, target)}`,
    `pass --machine=<name> with one of: ${describeMachines(target)} (e.g. --machine=${MACHINES.find((machine) => machine.target === target)?.name}); ${NOTHING_WRITTEN}`,
  );
}

/** What the config says about running `target`, for the message when no machine is found. */
function foundRunner(files: readonly CargoConfigFile[], target: string): string {
  const runner = configuredRunner(files, target);
  if (runner) {
    const parsed = parseRunnerLine(runner.value);
    return parsed.qemu
      ? `its runner \`${parsed.line}\` (${runner.file}) names no -machine`
      : `its runner \`${parsed.line}\` (${runner.file}) is not QEMU`;
  }
  const cfg = cfgRunners(files).map((found) => `\`${found.value.join(' ')}\` (${found.file})`);
  return cfg.length > 0
    ? `no target.${target}.runner; setup does not read the runners of cfg() tables: ${cfg.join(', ')}`
    : `no target.${target}.runner in its .cargo/config.toml`;
}

/** "--target=thumbv7m-none-eabi with --machine=lm3s6965evb (Cortex-M3) or ...; ..." for messages. */
function firmwareChoices(): string {
  return SUPPORTED_TARGETS.filter(isFirmwareTarget)
    .map(
      (target) =>
        `--target=${target} with --machine=${MACHINES.filter((machine) => machine.target === target)
          .map((machine) => `${machine.name} (${machine.cpu})`)
          .join(' or ')}`,
    )
    .join('; ');
}
