// Checks a crate's opt-in, `[package.metadata.minicov]` of a parsed Cargo.toml, setting by setting and as a whole.
import {
  CORRELATE_MODES,
  CRATE_SETTINGS,
  REPORT_TABLE_KEY,
  type CorrelateMode,
  RUNNERS,
  type MinicovCrate,
  type Runner,
} from './crate-settings';
import { findUnknownKey, knownKeysOf, ManifestError, type KnownKey } from './manifest-error';
import type { SettingDefinition } from './setting-definition';

/** The keys `[package.metadata.minicov]` may hold: every setting (also known by its option name), the report table. */
export const CRATE_TABLE_KEYS: readonly KnownKey[] = [
  ...knownKeysOf(CRATE_SETTINGS),
  { key: REPORT_TABLE_KEY, aliases: [] },
];

/** The crate's settings from a parsed manifest, or undefined when it does not opt in (no package.metadata.minicov). */
export function minicovCrateOf(
  manifestPath: string,
  manifest: Record<string, unknown>,
): MinicovCrate | undefined {
  const pkg = tableOf(manifest.package);
  const settings = tableOf(tableOf(pkg?.metadata)?.minicov);
  if (!pkg || !settings) return undefined;
  const name = pkg.name;
  if (typeof name !== 'string' || name === '') {
    throw new ManifestError(`${manifestPath}: package.name is missing`, 'give the package a name');
  }
  const unknown = findUnknownKey(settings, CRATE_TABLE_KEYS);
  if (unknown) {
    throw new ManifestError(
      `${manifestPath}: package.metadata.minicov has an unknown setting "${unknown.key}"`,
      unknown.fix,
    );
  }
  const where = (setting: SettingDefinition) =>
    `${manifestPath}: package.metadata.minicov.${setting.toml}`;
  const value = (setting: SettingDefinition) => settings[setting.toml as string];
  const s = CRATE_SETTINGS;
  const target = optionalString(value(s.target), where(s.target));
  const runner =
    optionalString(value(s.runner), where(s.runner)) ??
    (target && /^(thumb|arm|riscv)/.test(target) ? 'qemu' : 'host');
  if (!RUNNERS.includes(runner as Runner)) {
    throw new ManifestError(
      `${where(s.runner)} is "${runner}"`,
      'use "host", "qemu", "command", "test" or "gdb"',
    );
  }
  const machine = optionalString(value(s.machine), where(s.machine));
  if (runner === 'qemu' && (!machine || !target)) {
    throw new ManifestError(
      `${manifestPath}: the qemu runner needs package.metadata.minicov.target and .machine`,
      'add e.g. `target = "thumbv7m-none-eabi"` and `machine = "lm3s6965evb"`',
    );
  }
  const gdbServer = optionalStringList(value(s.gdbServer), where(s.gdbServer));
  if (gdbServer !== undefined && runner !== 'gdb') {
    throw new ManifestError(
      `${where(s.gdbServer)} is set, but the runner is "${runner}"`,
      'set `runner = "gdb"` to run the program under that GDB server, or remove `gdb-server`',
    );
  }
  if (runner === 'gdb' && (!target || (!machine && !gdbServer?.length))) {
    throw new ManifestError(
      `${manifestPath}: the gdb runner needs package.metadata.minicov.target, and .machine (QEMU's gdbstub) or .gdb-server`,
      'add e.g. `target = "thumbv7m-none-eabi"` and `machine = "lm3s6965evb"`, or a `gdb-server = ["openocd", "-f", "board.cfg", "-c", "gdb_port {port}"]` for a real board',
    );
  }
  const stopSymbol =
    optionalString(value(s.stopSymbol), where(s.stopSymbol)) ?? s.stopSymbol.default;
  const command = optionalStringList(value(s.command), where(s.command));
  if (runner === 'command' && (!command || command.length === 0)) {
    throw new ManifestError(
      `${where(s.command)} is missing`,
      'add e.g. `command = ["my-flasher", "{bin}"]` for the command runner',
    );
  }
  const runs =
    value(s.runs) === undefined
      ? s.runs.default.map((run) => [...run])
      : runList(value(s.runs), where(s.runs));
  const timeoutSeconds = value(s.timeoutSeconds) ?? s.timeoutSeconds.default;
  if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
    const shown =
      typeof timeoutSeconds === 'number' ? String(timeoutSeconds) : JSON.stringify(timeoutSeconds);
    throw new ManifestError(
      `${where(s.timeoutSeconds)} is ${shown}`,
      'give the per-run time limit in seconds, above 0 and at most 86400, e.g. `timeout = 60`',
    );
  }
  const flag = (setting: SettingDefinition & { default: boolean }, fix: string): boolean => {
    const set = value(setting) ?? setting.default;
    if (typeof set !== 'boolean')
      throw new ManifestError(`${where(setting)} must be true or false`, fix);
    return set;
  };
  const cModules = flag(s.cModules, 'write `c-modules = true` when the build script compiles C');
  const hostTests = flag(
    s.hostTests,
    "write `host-tests = true` to merge the library's host unit tests into the report",
  );
  if (hostTests && runner === 'test') {
    throw new ManifestError(
      `${where(s.hostTests)} is set with runner = "test", whose run already is the library's unit tests`,
      'remove `host-tests`, or give the crate a binary to run (runner "host", "qemu" or "command") and keep `host-tests = true`',
    );
  }
  const mergeFailedRuns = flag(
    s.mergeFailedRuns,
    'write `merge-failed-runs = true` to report the coverage of runs that fail',
  );
  const linkFragment = flag(
    s.linkFragment,
    "write `link-fragment = true` when the firmware links with cortex-m-rt's link.x",
  );
  if (linkFragment && !target) {
    throw new ManifestError(
      `${where(s.linkFragment)} is set, but the crate builds for the host`,
      'set package.metadata.minicov.target to the firmware target, or remove `link-fragment`',
    );
  }
  const correlate = optionalString(value(s.correlate), where(s.correlate)) ?? s.correlate.default;
  if (!CORRELATE_MODES.includes(correlate as CorrelateMode)) {
    throw new ManifestError(
      `${where(s.correlate)} is "${correlate}"`,
      'use "binary" to keep the profile data off the device, or "none" (the default) for the full profile',
    );
  }
  if (correlate === 'binary' && runner === 'test') {
    throw new ManifestError(
      `${where(s.correlate)} is "binary" with runner = "test": a library's unit tests run on the host, where the full profile costs nothing`,
      'remove `correlate`, or set it on the firmware or program that runs on the device',
    );
  }
  const bin = optionalString(value(s.bin), where(s.bin)) ?? name;
  return {
    name,
    target,
    runner: runner as Runner,
    machine,
    bin,
    runs,
    command,
    timeoutSeconds,
    cModules,
    hostTests,
    mergeFailedRuns,
    linkFragment,
    correlate: correlate as CorrelateMode,
    gdbServer,
    stopSymbol,
  };
}

/** `value` as a TOML table, or undefined when it is something else. */
export function tableOf(value: unknown): Record<string, unknown> | undefined {
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
