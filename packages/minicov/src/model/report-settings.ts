// What a report writes and enforces: formats, failUnder thresholds, missing lines, include/exclude patterns.
import { MinicovError } from '../errors';
import type { SettingTable } from './setting-definition';

/** The files a report can write; the terminal table is always printed. */
export const REPORT_FORMATS = ['lcov', 'cobertura', 'html', 'json'] as const;

/** One report file format: lcov.info, cobertura.xml, html/, summary.json. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The measures a threshold can apply to. */
export const THRESHOLD_MEASURES = ['lines', 'functions', 'regions', 'branches'] as const;

/** One measure of the summary that a threshold applies to. */
export type ThresholdMeasure = (typeof THRESHOLD_MEASURES)[number];

/** Minimum percentages (0-100); the report fails when a total is below one. */
export type FailUnder = Partial<Record<ThresholdMeasure, number>>;

/** The validated report settings. */
export interface ReportSettings {
  formats: ReportFormat[];
  failUnder: FailUnder;
  showMissingLines: boolean;
  /** Glob patterns over workspace-relative paths; when given, only matching files are reported. */
  include: string[];
  /** Glob patterns over workspace-relative paths; matching files are left out. */
  exclude: string[];
}

/** The settings as a user wrote them (executor options, or the report table of a Cargo manifest). */
export interface ReportSettingsInput {
  formats?: unknown;
  failUnder?: unknown;
  showMissingLines?: unknown;
  include?: unknown;
  exclude?: unknown;
}

/** The report settings as executor options declare them (Nx checks the types; parseReportSettings the values). */
export interface ReportSettingOptions {
  formats?: string[];
  failUnder?: Record<string, number>;
  showMissingLines?: boolean;
  include?: string[];
  exclude?: string[];
}

const patterns = { type: 'array', items: { type: 'string' } } as const;

/** Every report setting, keyed by option name: executor options, and `[package.metadata.minicov.report]` keys. */
export const REPORT_SETTINGS = {
  formats: {
    toml: 'formats',
    schema: { type: 'array', items: { type: 'string' } },
    description:
      'Report files to write: any of "lcov" (lcov.info), "cobertura" (cobertura.xml), "html" (html/index.html), "json" (summary.json). Default: all. The summary table is always printed.',
    default: [...REPORT_FORMATS],
    presence: 'optional',
  },
  failUnder: {
    toml: 'fail-under',
    schema: { type: 'object', additionalProperties: { type: 'number' } },
    description:
      'Minimum total percentages, 0-100, e.g. { "lines": 80, "functions": 90 }; measures: lines, functions, regions, branches. The step fails, after writing the report, when a total is below its threshold.',
    default: {},
    presence: 'optional',
  },
  showMissingLines: {
    toml: 'show-missing-lines',
    schema: { type: 'boolean' },
    description: "Print each file's uncovered line ranges after the table.",
    default: false,
    presence: 'optional',
  },
  include: {
    toml: 'include',
    schema: patterns,
    description: 'Glob patterns over workspace-relative paths; only matching files are reported.',
    default: [],
    presence: 'optional',
  },
  exclude: {
    toml: 'exclude',
    schema: patterns,
    description:
      'Glob patterns over workspace-relative paths; matching files are left out of the report.',
    default: [],
    presence: 'optional',
  },
} satisfies SettingTable<ReportSettingOptions>;

/** A report setting that cannot be used as written. */
export class ReportSettingsError extends MinicovError {}

/** How each setting is named where the user wrote it (option names, or Cargo.toml keys). */
export interface SettingNames {
  /** e.g. `option "formats" of fw:coverage` or `examples/fw/Cargo.toml: package.metadata.minicov.report.formats`. */
  name(key: keyof ReportSettingsInput, sub?: string): string;
}

/** The defaults: every format, no thresholds, no missing-line listing, no patterns. */
export const DEFAULT_REPORT_SETTINGS: Readonly<ReportSettings> = {
  formats: REPORT_SETTINGS.formats.default,
  failUnder: REPORT_SETTINGS.failUnder.default,
  showMissingLines: REPORT_SETTINGS.showMissingLines.default,
  include: REPORT_SETTINGS.include.default,
  exclude: REPORT_SETTINGS.exclude.default,
};

/** Checks every setting and fills in defaults; errors name the setting, the bad value and the accepted values. */
export function parseReportSettings(
  input: ReportSettingsInput,
  names: SettingNames,
): ReportSettings {
  const unset = DEFAULT_REPORT_SETTINGS;
  return {
    formats: input.formats === undefined ? [...unset.formats] : parseFormats(input.formats, names),
    failUnder:
      input.failUnder === undefined
        ? { ...unset.failUnder }
        : parseFailUnder(input.failUnder, names),
    showMissingLines:
      input.showMissingLines === undefined
        ? unset.showMissingLines
        : parseBoolean(input.showMissingLines, names.name('showMissingLines')),
    include:
      input.include === undefined
        ? [...unset.include]
        : parsePatterns(input.include, names.name('include')),
    exclude:
      input.exclude === undefined
        ? [...unset.exclude]
        : parsePatterns(input.exclude, names.name('exclude')),
  };
}

function parseFormats(value: unknown, names: SettingNames): ReportFormat[] {
  const where = names.name('formats');
  const accepted = REPORT_FORMATS.map((f) => `"${f}"`).join(', ');
  if (!Array.isArray(value) || value.length === 0) {
    throw new ReportSettingsError(
      `${where} is ${JSON.stringify(value)}, not a list of formats`,
      `give a non-empty list of ${accepted}`,
    );
  }
  const formats: ReportFormat[] = [];
  for (const format of value) {
    if (!REPORT_FORMATS.includes(format as ReportFormat)) {
      throw new ReportSettingsError(
        `${where} names an unknown format ${JSON.stringify(format)}`,
        `use only ${accepted}`,
      );
    }
    if (!formats.includes(format as ReportFormat)) formats.push(format as ReportFormat);
  }
  return formats;
}

function parseFailUnder(value: unknown, names: SettingNames): FailUnder {
  const where = names.name('failUnder');
  const measures = THRESHOLD_MEASURES.join(', ');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReportSettingsError(
      `${where} is ${JSON.stringify(value)}, not a table of thresholds`,
      `give percentages by measure, e.g. { "lines": 80 }; measures: ${measures}`,
    );
  }
  const result: FailUnder = {};
  for (const [measure, threshold] of Object.entries(value)) {
    if (!THRESHOLD_MEASURES.includes(measure as ThresholdMeasure)) {
      throw new ReportSettingsError(
        `${where} names an unknown measure "${measure}"`,
        `use only ${measures}`,
      );
    }
    if (
      typeof threshold !== 'number' ||
      !Number.isFinite(threshold) ||
      threshold < 0 ||
      threshold > 100
    ) {
      throw new ReportSettingsError(
        `${names.name('failUnder', measure)} is ${JSON.stringify(threshold)}, outside 0-100`,
        'give the minimum percentage as a number from 0 to 100, e.g. 80',
      );
    }
    result[measure as ThresholdMeasure] = threshold;
  }
  return result;
}

function parseBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean')
    throw new ReportSettingsError(`${where} is ${JSON.stringify(value)}`, 'use true or false');
  return value;
}

function parsePatterns(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((p) => typeof p !== 'string' || p.trim() === '')) {
    throw new ReportSettingsError(
      `${where} is ${JSON.stringify(value)}, not a list of file patterns`,
      'give glob patterns over workspace-relative paths, e.g. ["examples/fw/src/**"]',
    );
  }
  return [...(value as string[])];
}

/** Setting names for executor options of `project:target`. */
export function optionNames(task: string): SettingNames {
  return { name: (key, sub) => `option "${sub === undefined ? key : `${key}.${sub}`}" of ${task}` };
}
