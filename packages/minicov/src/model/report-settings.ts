// What a report writes and enforces: formats, failUnder thresholds, failUncovered limits, what the terminal shows,
// include/exclude patterns.
import { MinicovError } from '../errors';
import type { SettingTable } from './setting-definition';

/** The files a report can write; the terminal table is always printed. */
export const REPORT_FORMATS = ['lcov', 'cobertura', 'html', 'json', 'codecov'] as const;

/** One report file format: lcov.info, cobertura.xml, html/, summary.json, codecov.json. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formats written when none are set: every one but Codecov's own JSON, which a Codecov upload asks for. */
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = [
  'lcov',
  'cobertura',
  'html',
  'json',
];

/** The measures a threshold can apply to. */
export const THRESHOLD_MEASURES = ['lines', 'functions', 'regions', 'branches'] as const;

/** One measure of the summary that a threshold applies to. */
export type ThresholdMeasure = (typeof THRESHOLD_MEASURES)[number];

/** Minimum percentages (0-100); the report fails when a total is below one. */
export type FailUnder = Partial<Record<ThresholdMeasure, number>>;

/** Most uncovered items allowed by measure (whole numbers); the report fails when a total leaves more uncovered. */
export type FailUncovered = Partial<Record<ThresholdMeasure, number>>;

/** The validated report settings. */
export interface ReportSettings {
  formats: ReportFormat[];
  failUnder: FailUnder;
  failUncovered: FailUncovered;
  showMissingLines: boolean;
  /** The terminal shows the totals only, not a row per file. */
  summaryOnly: boolean;
  /** The terminal also shows each file's source annotated with its counts. */
  text: boolean;
  /** Glob patterns over workspace-relative paths; when given, only matching files are reported. */
  include: string[];
  /** Glob patterns over workspace-relative paths; matching files are left out. */
  exclude: string[];
  /** Where the report is written, relative to the workspace root; undefined: the project's default directory. */
  outputDir: string | undefined;
}

/** The settings as a user wrote them (executor options, or the report table of a Cargo manifest). */
export interface ReportSettingsInput {
  formats?: unknown;
  failUnder?: unknown;
  failUncovered?: unknown;
  showMissingLines?: unknown;
  summaryOnly?: unknown;
  text?: unknown;
  include?: unknown;
  exclude?: unknown;
  outputDir?: unknown;
}

/** The report settings as executor options declare them (Nx checks the types; parseReportSettings the values). */
export interface ReportSettingOptions {
  formats?: string[];
  failUnder?: Record<string, number>;
  failUncovered?: Record<string, number>;
  showMissingLines?: boolean;
  summaryOnly?: boolean;
  text?: boolean;
  include?: string[];
  exclude?: string[];
  outputDir?: string;
}

const patterns = { type: 'array', items: { type: 'string' } } as const;

/** Every report setting, keyed by option name: executor options, and `[package.metadata.minicov.report]` keys. */
export const REPORT_SETTINGS = {
  formats: {
    toml: 'formats',
    schema: { type: 'array', items: { type: 'string' } },
    description:
      'Report files to write: any of "lcov" (lcov.info), "cobertura" (cobertura.xml), "html" (html/index.html), "json" (summary.json), "codecov" (codecov.json, Codecov\'s own format). Default: all but "codecov". The summary table is always printed.',
    default: [...DEFAULT_REPORT_FORMATS],
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
  failUncovered: {
    toml: 'fail-uncovered',
    schema: { type: 'object', additionalProperties: { type: 'number' } },
    description:
      'Most uncovered items allowed, by measure, e.g. { "lines": 10, "functions": 0 }; measures: lines, functions, regions, branches. The step fails, after writing the report, when a total leaves more uncovered.',
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
  summaryOnly: {
    toml: 'summary-only',
    schema: { type: 'boolean' },
    description: 'Print only the totals, not a row per file (the report files are written whole).',
    default: false,
    presence: 'optional',
  },
  text: {
    toml: 'text',
    schema: { type: 'boolean' },
    description:
      "Also print each reported file's source with its execution counts (llvm-cov's text view), before the table.",
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
  outputDir: {
    toml: 'output-dir',
    schema: { type: 'string' },
    description:
      "Where the report is written, relative to the workspace root (default: coverage/<project's root>, and coverage/workspace for the workspace report). It must be new, empty, or this target's own earlier report: it is replaced whole. Nx caches it as the target's output.",
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

/** The defaults: every format but Codecov's, no thresholds or limits, the whole table, no patterns. */
export const DEFAULT_REPORT_SETTINGS: Readonly<ReportSettings> = {
  formats: REPORT_SETTINGS.formats.default,
  failUnder: REPORT_SETTINGS.failUnder.default,
  failUncovered: REPORT_SETTINGS.failUncovered.default,
  showMissingLines: REPORT_SETTINGS.showMissingLines.default,
  summaryOnly: REPORT_SETTINGS.summaryOnly.default,
  text: REPORT_SETTINGS.text.default,
  include: REPORT_SETTINGS.include.default,
  exclude: REPORT_SETTINGS.exclude.default,
  outputDir: undefined,
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
    failUncovered:
      input.failUncovered === undefined
        ? { ...unset.failUncovered }
        : parseFailUncovered(input.failUncovered, names),
    showMissingLines:
      input.showMissingLines === undefined
        ? unset.showMissingLines
        : parseBoolean(input.showMissingLines, names.name('showMissingLines')),
    summaryOnly:
      input.summaryOnly === undefined
        ? unset.summaryOnly
        : parseBoolean(input.summaryOnly, names.name('summaryOnly')),
    text: input.text === undefined ? unset.text : parseBoolean(input.text, names.name('text')),
    include:
      input.include === undefined
        ? [...unset.include]
        : parsePatterns(input.include, names.name('include')),
    exclude:
      input.exclude === undefined
        ? [...unset.exclude]
        : parsePatterns(input.exclude, names.name('exclude')),
    outputDir:
      input.outputDir === undefined
        ? unset.outputDir
        : parseDirectory(input.outputDir, names.name('outputDir')),
  };
}

function parseDirectory(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ReportSettingsError(
      `${where} is ${JSON.stringify(value)}, not a directory`,
      'give a directory relative to the workspace root, e.g. "coverage/fw"',
    );
  }
  return value;
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

/**
 * A table of numbers by measure (failUnder, failUncovered): rejects anything but a table, an unknown measure, or a
 * value `valid` refuses (then `invalid` says what was expected).
 */
function parseMeasureTable(
  value: unknown,
  names: SettingNames,
  key: 'failUnder' | 'failUncovered',
  rule: { what: string; example: string; valid(n: number): boolean; invalid: string; fix: string },
): Partial<Record<ThresholdMeasure, number>> {
  const where = names.name(key);
  const measures = THRESHOLD_MEASURES.join(', ');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReportSettingsError(
      `${where} is ${JSON.stringify(value)}, not a table of ${rule.what}`,
      `give ${rule.example}; measures: ${measures}`,
    );
  }
  const result: Partial<Record<ThresholdMeasure, number>> = {};
  for (const [measure, number] of Object.entries(value)) {
    if (!THRESHOLD_MEASURES.includes(measure as ThresholdMeasure)) {
      throw new ReportSettingsError(
        `${where} names an unknown measure "${measure}"`,
        `use only ${measures}`,
      );
    }
    if (typeof number !== 'number' || !rule.valid(number)) {
      throw new ReportSettingsError(
        `${names.name(key, measure)} is ${JSON.stringify(number)}, ${rule.invalid}`,
        rule.fix,
      );
    }
    result[measure as ThresholdMeasure] = number;
  }
  return result;
}

function parseFailUnder(value: unknown, names: SettingNames): FailUnder {
  return parseMeasureTable(value, names, 'failUnder', {
    what: 'thresholds',
    example: 'percentages by measure, e.g. { "lines": 80 }',
    valid: (n) => Number.isFinite(n) && n >= 0 && n <= 100,
    invalid: 'outside 0-100',
    fix: 'give the minimum percentage as a number from 0 to 100, e.g. 80',
  });
}

function parseFailUncovered(value: unknown, names: SettingNames): FailUncovered {
  return parseMeasureTable(value, names, 'failUncovered', {
    what: 'limits',
    example: 'the most uncovered items allowed by measure, e.g. { "lines": 10 }',
    valid: (n) => Number.isSafeInteger(n) && n >= 0,
    invalid: 'not a whole number of at least 0',
    fix: 'give the most uncovered items allowed as a whole number, e.g. 0 for none',
  });
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
