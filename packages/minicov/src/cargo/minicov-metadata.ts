// Reads a crate's opt-in, `[package.metadata.minicov]`, from its Cargo.toml and checks every setting.
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../errors';

/** How the instrumented program is run: the binary on the host, in QEMU, through a command, or the library's unit tests. */
export type Runner = 'host' | 'qemu' | 'command' | 'test';

/** A crate's minicov settings, with defaults filled in. */
export interface MinicovCrate {
  /** The Cargo package name; also the Nx project name. */
  name: string;
  /** Rust target triple; undefined builds for the host. */
  target?: string;
  runner: Runner;
  /** QEMU machine (`-M`), for the qemu runner. */
  machine?: string;
  /** The binary target to build and run (defaults to the package name). */
  bin: string;
  /** Program arguments, one list per run; each run writes its own profile. */
  runs: string[][];
  /** For the command runner: the program and its arguments; `{bin}` is replaced by the binary path. */
  command?: string[];
  /** Seconds one run may take before it is stopped. */
  timeoutSeconds: number;
  /** The crate's build script compiles C with clang (it reads CC and MINICOV_CFLAGS). */
  cModules: boolean;
  /** The coverage chain also builds and runs the library's unit tests on the host, merged into the same report. */
  hostTests: boolean;
  /** A coverage run that exits non-zero but wrote valid profiles keeps them; the report is written, then fails. */
  mergeFailedRuns: boolean;
  /** Instrumented links add minicov's linker fragment, which places the profile sections in a cortex-m-rt-style `link.x` layout. */
  linkFragment: boolean;
}

/** A Cargo.toml whose minicov settings cannot be used as written. */
export class ManifestError extends MinicovError {}

/** Parses a Cargo.toml; a syntax error names the manifest. */
export function parseCargoManifest(manifestPath: string, text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ManifestError(
      `${manifestPath}: not valid TOML (${(error as Error).message.split('\n')[0]})`,
      'fix the TOML syntax',
    );
  }
}

/** The crate's settings, or undefined when the manifest does not opt in (no package.metadata.minicov). */
export function readMinicovCrate(manifestPath: string, text: string): MinicovCrate | undefined {
  return minicovCrateOf(manifestPath, parseCargoManifest(manifestPath, text));
}

/** The crate's settings from an already parsed manifest, or undefined when it does not opt in. */
export function minicovCrateOf(
  manifestPath: string,
  manifest: Record<string, unknown>,
): MinicovCrate | undefined {
  const pkg = table(manifest.package);
  const settings = table(table(pkg?.metadata)?.minicov);
  if (!pkg || !settings) return undefined;
  const where = (key: string) => `${manifestPath}: package.metadata.minicov.${key}`;
  const name = pkg.name;
  if (typeof name !== 'string' || name === '') {
    throw new ManifestError(`${manifestPath}: package.name is missing`, 'give the package a name');
  }
  const target = optionalString(settings.target, where('target'));
  const runner =
    optionalString(settings.runner, where('runner')) ??
    (target && /^(thumb|arm|riscv)/.test(target) ? 'qemu' : 'host');
  if (runner !== 'host' && runner !== 'qemu' && runner !== 'command' && runner !== 'test') {
    throw new ManifestError(
      `${where('runner')} is "${runner}"`,
      'use "host", "qemu", "command" or "test"',
    );
  }
  const machine = optionalString(settings.machine, where('machine'));
  if (runner === 'qemu' && (!machine || !target)) {
    throw new ManifestError(
      `${manifestPath}: the qemu runner needs package.metadata.minicov.target and .machine`,
      'add e.g. `target = "thumbv7m-none-eabi"` and `machine = "lm3s6965evb"`',
    );
  }
  const command = optionalStringList(settings.command, where('command'));
  if (runner === 'command' && (!command || command.length === 0)) {
    throw new ManifestError(
      `${where('command')} is missing`,
      'add e.g. `command = ["my-flasher", "{bin}"]` for the command runner',
    );
  }
  const runs = settings.runs === undefined ? [[]] : runList(settings.runs, where('runs'));
  const timeoutSeconds = settings.timeout ?? 60;
  if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
    const shown =
      typeof timeoutSeconds === 'number' ? String(timeoutSeconds) : JSON.stringify(timeoutSeconds);
    throw new ManifestError(
      `${where('timeout')} is ${shown}`,
      'give the per-run time limit in seconds, above 0 and at most 86400, e.g. `timeout = 60`',
    );
  }
  const cModules = settings['c-modules'] ?? false;
  if (typeof cModules !== 'boolean') {
    throw new ManifestError(
      `${where('c-modules')} must be true or false`,
      'write `c-modules = true` when the build script compiles C',
    );
  }
  const hostTests = settings['host-tests'] ?? false;
  if (typeof hostTests !== 'boolean') {
    throw new ManifestError(
      `${where('host-tests')} must be true or false`,
      "write `host-tests = true` to merge the library's host unit tests into the report",
    );
  }
  if (hostTests && runner === 'test') {
    throw new ManifestError(
      `${where('host-tests')} is set with runner = "test", whose run already is the library's unit tests`,
      'remove `host-tests`, or give the crate a binary to run (runner "host", "qemu" or "command") and keep `host-tests = true`',
    );
  }
  const mergeFailedRuns = settings['merge-failed-runs'] ?? false;
  if (typeof mergeFailedRuns !== 'boolean') {
    throw new ManifestError(
      `${where('merge-failed-runs')} must be true or false`,
      'write `merge-failed-runs = true` to report the coverage of runs that fail',
    );
  }
  const linkFragment = settings['link-fragment'] ?? false;
  if (typeof linkFragment !== 'boolean') {
    throw new ManifestError(
      `${where('link-fragment')} must be true or false`,
      "write `link-fragment = true` when the firmware links with cortex-m-rt's link.x",
    );
  }
  if (linkFragment && !target) {
    throw new ManifestError(
      `${where('link-fragment')} is set, but the crate builds for the host`,
      'set package.metadata.minicov.target to the firmware target, or remove `link-fragment`',
    );
  }
  const bin = optionalString(settings.bin, where('bin')) ?? name;
  return {
    name,
    target,
    runner,
    machine,
    bin,
    runs,
    command,
    timeoutSeconds,
    cModules,
    hostTests,
    mergeFailedRuns,
    linkFragment,
  };
}

function table(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ManifestError(
      `${where} must be a non-empty string`,
      'quote the value, e.g. `"thumbv7m-none-eabi"`',
    );
  return value;
}

function optionalStringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ManifestError(`${where} must be a list of strings`, 'write e.g. `["arg1", "arg2"]`');
  }
  return value as string[];
}

function runList(value: unknown, where: string): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ManifestError(
      `${where} must be a non-empty list of argument lists`,
      'write e.g. `runs = [[], ["--fast"]]`',
    );
  }
  return value.map((run, index) => optionalStringList(run, `${where}[${index}]`) ?? []);
}
