// What a crate asks for in `[package.metadata.minicov]`: each setting defined once (key, option, type,
// description, default).
import type { SettingDefinition, SettingTable } from './setting-definition';

/** The runners, in the order messages list them. */
export const RUNNERS = ['host', 'qemu', 'command', 'test', 'gdb'] as const;

/**
 * How the program is run: the binary on the host, in QEMU, through a command, the library's unit tests, or under a
 * GDB server whose target's counters are read at a stop symbol.
 */
export type Runner = (typeof RUNNERS)[number];

/** The stop symbol when the crate names none: the function the generated firmware calls when its work is done. */
export const DEFAULT_STOP_SYMBOL = 'minicov_stop';

/** Whether the program runs in QEMU: the qemu runner, or the gdb runner with no server of its own (QEMU's gdbstub). */
export function runsInQemu(settings: { runner: string; gdbServer?: readonly string[] }): boolean {
  return settings.runner === 'qemu' || (settings.runner === 'gdb' && !settings.gdbServer?.length);
}

/** What a coverage build keeps on the device: the full profile data, or only counters and bitmap (correlation). */
export const CORRELATE_MODES = ['none', 'binary'] as const;

/** `none`: records and names in the image, as LLVM writes them by default; `binary`: they stay in the ELF only. */
export type CorrelateMode = (typeof CORRELATE_MODES)[number];

/** A crate's minicov settings, with defaults filled in; each setting is described in CRATE_SETTINGS. */
export interface MinicovCrate {
  /** The Cargo package name; also the Nx project name. */
  name: string;
  target?: string;
  runner: Runner;
  machine?: string;
  bin: string;
  runs: string[][];
  command?: string[];
  timeoutSeconds: number;
  cModules: boolean;
  hostTests: boolean;
  mergeFailedRuns: boolean;
  linkFragment: boolean;
  correlate: CorrelateMode;
  gdbServer?: string[];
  stopSymbol: string;
}

/** The settings of a crate that its targets carry as options (all but the name, which is the project's). */
export type CrateSettings = Omit<MinicovCrate, 'name'>;

const stringList = { type: 'array', items: { type: 'string' } } as const;

/** Every setting of `[package.metadata.minicov]`, keyed by option name, in the order schemas list them. */
export const CRATE_SETTINGS = {
  target: {
    toml: 'target',
    schema: { type: 'string' },
    description: 'Rust target triple; omitted for the host.',
    presence: 'optional',
  },
  runner: {
    toml: 'runner',
    schema: { type: 'string', enum: RUNNERS },
    description:
      "How the instrumented program runs: host, qemu, command, test (the library's unit tests) or gdb (under a GDB server, its counters read from memory at the stop symbol).",
    presence: 'filled',
  },
  machine: {
    toml: 'machine',
    schema: { type: 'string' },
    description: 'QEMU machine (-M) for the qemu runner.',
    presence: 'optional',
  },
  bin: {
    toml: 'bin',
    schema: { type: 'string' },
    description: 'The binary target to build and run.',
    presence: 'filled',
  },
  runs: {
    toml: 'runs',
    schema: { type: 'array', items: stringList },
    description: 'Program arguments, one list per run; {profile} and {bin} are expanded.',
    default: [[]],
    presence: 'filled',
  },
  command: {
    toml: 'command',
    schema: stringList,
    description: "The command runner's program and arguments.",
    presence: 'optional',
  },
  timeoutSeconds: {
    toml: 'timeout',
    schema: { type: 'number' },
    description: 'Seconds one run may take before it is stopped.',
    default: 60,
    presence: 'filled',
  },
  cModules: {
    toml: 'c-modules',
    schema: { type: 'boolean' },
    description: "The crate's build script compiles C with clang (reads CC and MINICOV_CFLAGS).",
    default: false,
    presence: 'filled',
  },
  hostTests: {
    toml: 'host-tests',
    schema: { type: 'boolean' },
    description:
      "The coverage chain also builds the library's unit tests for the host, runs them and merges their profile into the same report (package.metadata.minicov.host-tests).",
    default: false,
    presence: 'filled',
  },
  mergeFailedRuns: {
    toml: 'merge-failed-runs',
    schema: { type: 'boolean' },
    description:
      'A coverage run that exits non-zero but wrote valid profiles keeps them: they are merged, the report is written, and then the report step fails naming the run (package.metadata.minicov.merge-failed-runs).',
    default: false,
    presence: 'filled',
  },
  linkFragment: {
    toml: 'link-fragment',
    schema: { type: 'boolean' },
    description:
      "Instrumented links add minicov's linker fragment, which places the profile sections in a cortex-m-rt-style link.x layout (package.metadata.minicov.link-fragment).",
    default: false,
    presence: 'filled',
  },
  gdbServer: {
    toml: 'gdb-server',
    schema: stringList,
    description:
      'For the gdb runner: the GDB server to start, program and arguments, with {bin} (the binary) and {port} (the port it must listen on), e.g. ["openocd", "-f", "board.cfg", "-c", "gdb_port {port}"]. Without it, QEMU\'s machine runs the firmware with its gdbstub.',
    presence: 'optional',
  },
  stopSymbol: {
    toml: 'stop-symbol',
    schema: { type: 'string' },
    description:
      'For the gdb runner: the function whose entry ends a run; the counters are read there (the generated firmware calls minicov_stop when its work is done).',
    default: DEFAULT_STOP_SYMBOL,
    presence: 'filled',
  },
  correlate: {
    toml: 'correlate',
    schema: { type: 'string', enum: CORRELATE_MODES },
    description:
      'Coverage builds with "binary" keep the function records and names out of the image (binary correlation): the device holds only the counters, and the merge reads the rest from the binary. "none" (the default) keeps the full profile in the image. PGO builds always keep it (package.metadata.minicov.correlate).',
    default: 'none',
    presence: 'filled',
  },
} satisfies SettingTable<CrateSettings>;

/** The key of the report table inside `[package.metadata.minicov]` (and `[workspace.metadata.minicov]`). */
export const REPORT_TABLE_KEY = 'report';

/** The LLVM pin every step carries: the minicov plugin option in nx.json, validated when a target runs. */
export const LLVM_MAJOR_OPTION: SettingDefinition = {
  schema: { type: 'number' },
  description: 'The LLVM major every tool must share (the minicov plugin option in nx.json).',
  presence: 'optional',
};
