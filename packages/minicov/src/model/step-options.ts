// Each step's options: the crate's settings and the pin every inferred target carries, plus what each executor adds.
import {
  CRATE_SETTINGS,
  LLVM_MAJOR_OPTION,
  type CrateSettings,
  type MinicovCrate,
} from './crate-settings';
import { INSTRUMENTED_BUILD_KINDS, type InstrumentedBuildKind } from './build-kind';
import type { Chain } from './output-layout';
import { REPORT_SETTINGS, type ReportSettingOptions } from './report-settings';
import type { SettingDefinition, SettingTable } from './setting-definition';

/** The options createNodes writes into each target of a crate (so they are part of Nx's task hash). */
export type CrateOptions = CrateSettings & {
  /** The pin from nx.json; validated when a target runs. */
  llvmMajor?: number;
};

/** The crate's settings and the pin, as target options. */
export function crateOptions(crate: MinicovCrate, llvmMajor: number | undefined): CrateOptions {
  const { name: _name, ...settings } = crate;
  return { ...settings, llvmMajor };
}

/** Options of `instrument`: the crate's settings plus which instrumentation. */
export type InstrumentOptions = CrateOptions & { kind: InstrumentedBuildKind };

/** Options of `run` and `merge`: the crate's settings plus the chain whose binary runs or whose profiles merge. */
export type ChainStepOptions = CrateOptions & { chain: Chain };

/** Options of `run`. */
export type RunOptions = ChainStepOptions;

/** Options of `merge`. */
export type MergeOptions = ChainStepOptions;

/** Options of `report` (the `coverage` target): the crate's settings plus what to write and enforce. */
export type ReportOptions = CrateOptions & ReportSettingOptions;

/** One crate as the workspace report sees it. */
export interface ReportMember {
  name: string;
  root: string;
  bin: string;
  /** Its coverage chain also ran the library's host unit tests (`host-tests`): their binary is reported too. */
  hostTests?: boolean;
  /** Where its own report is written (its report target's outputDir), whose totals are reused when current. */
  reportDir?: string;
}

/** Options of `workspace-report`: the crates whose coverage is merged, the pin, and what to write and enforce. */
export interface WorkspaceReportOptions extends ReportSettingOptions {
  members: ReportMember[];
  llvmMajor?: number;
}

/** Options of `open-report`: which report target's HTML to open, and where, when not where that target writes. */
export interface OpenReportOptions {
  reportTarget: string;
  outputDir?: string;
}

/** Options of `clean`: the report target whose directory goes too, and whether it cleans the whole workspace. */
export interface CleanOptions {
  reportTarget: string;
  workspace?: boolean;
}

/** The report target an `open-report` or `clean` target follows. */
const REPORT_TARGET_OPTION: SettingDefinition = {
  schema: { type: 'string' },
  description:
    "The project's report target; its outputDir option (in the project's configuration) says where the report is.",
  presence: 'filled',
};

/** The options of every crate step, defined once: the pin, then the crate's settings. */
export const CRATE_OPTIONS = {
  llvmMajor: LLVM_MAJOR_OPTION,
  ...CRATE_SETTINGS,
} satisfies SettingTable<CrateOptions>;

/** `chain` of `run` and `merge`. */
const CHAIN_OPTION: SettingDefinition = {
  schema: { type: 'string', enum: ['coverage', 'pgo'] satisfies Chain[] },
  description: 'The chain whose outputs the step reads and writes: coverage or pgo.',
  presence: 'filled',
};

/** Every executor's options, keyed by option name, in the order its schema lists them. */
export const STEP_OPTIONS = {
  toolchain: CRATE_OPTIONS satisfies SettingTable<CrateOptions>,
  instrument: {
    ...CRATE_OPTIONS,
    kind: {
      schema: { type: 'string', enum: INSTRUMENTED_BUILD_KINDS },
      description: 'Which instrumentation: coverage, or profile-generate for PGO training.',
      presence: 'filled',
    },
  } satisfies SettingTable<InstrumentOptions>,
  run: { ...CRATE_OPTIONS, chain: CHAIN_OPTION } satisfies SettingTable<RunOptions>,
  merge: { ...CRATE_OPTIONS, chain: CHAIN_OPTION } satisfies SettingTable<MergeOptions>,
  report: { ...CRATE_OPTIONS, ...REPORT_SETTINGS } satisfies SettingTable<ReportOptions>,
  optimize: CRATE_OPTIONS satisfies SettingTable<CrateOptions>,
  'workspace-report': {
    members: {
      schema: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            root: { type: 'string' },
            bin: { type: 'string' },
            hostTests: { type: 'boolean' },
            reportDir: { type: 'string' },
          },
          required: ['name', 'root', 'bin'],
        },
      },
      description:
        'The crates to merge: name, project root and binary name (and hostTests when their host unit tests ran too, reportDir when their own report is written elsewhere than coverage/<root>).',
      presence: 'required',
    },
    llvmMajor: LLVM_MAJOR_OPTION,
    ...REPORT_SETTINGS,
  } satisfies SettingTable<WorkspaceReportOptions>,
  'open-report': {
    reportTarget: REPORT_TARGET_OPTION,
    outputDir: {
      schema: { type: 'string' },
      description:
        "The report's directory, relative to the workspace root, when not the report target's outputDir.",
      presence: 'optional',
    },
  } satisfies SettingTable<OpenReportOptions>,
  clean: {
    reportTarget: REPORT_TARGET_OPTION,
    workspace: {
      schema: { type: 'boolean' },
      description:
        "Clean the whole workspace: every crate's minicov build directories and the shared standard library builds.",
      default: false,
      presence: 'optional',
    },
  } satisfies SettingTable<CleanOptions>,
};

/** The name of each minicov executor (executors.json). */
export type ExecutorName = keyof typeof STEP_OPTIONS;

/** Each executor's options type. */
export interface StepOptionsOf {
  toolchain: CrateOptions;
  instrument: InstrumentOptions;
  run: RunOptions;
  merge: MergeOptions;
  report: ReportOptions;
  optimize: CrateOptions;
  'workspace-report': WorkspaceReportOptions;
  'open-report': OpenReportOptions;
  clean: CleanOptions;
}
