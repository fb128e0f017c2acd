// Writes a complete coverage report (lcov.info, cobertura.xml, html/, summary.json)
// and swaps it into place only when all of it succeeded.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MinicovError } from '../errors';
import { replaceOutput } from '../fs/replace-output';
import { formatCobertura } from './cobertura';
import {
  exportLcov,
  exportSummary,
  showHtml,
  showText,
  type CoverageInput,
  type WarningSink,
} from './llvm-cov-export';
import { lineCountsByFile, parseLcov } from './lcov-model';
import { rewriteLcovWithTools } from './lcov-rewrite';
import { uncoveredRanges } from './missing-lines';
import { selectByPatterns, type PathPatterns } from './path-patterns';
import { relocateHtml } from './relocate-html';
import { REPORT_STAMP_FILE, reportStampText } from './report-directory';
import { DEFAULT_REPORT_FORMATS, type ReportFormat } from '../model/report-settings';
import { formatCodecov } from './codecov';
import { workspaceRootSpellings } from '../model/recorded-source-paths';
import {
  describeRemoved,
  exactPathRegex,
  planSourceFilter,
  workspaceRelative,
  type ExclusionReason,
  type SourceFilter,
} from './source-filter';
import { summarizeCoverage, type CoverageSummary } from './summary';

/** Everything one report needs. Relative paths are taken relative to `workspaceRoot`. */
export interface WriteCoverageReportOptions {
  llvmCov: string;
  llvmCxxfilt: string;
  /** The merged profile (llvm-profdata merge output). */
  profdata: string;
  /** The instrumented binaries that wrote the profile; at least one. */
  binaries: readonly string[];
  workspaceRoot: string;
  /** The minicov runtime's source directory; its files are never reported. */
  runtimeDir?: string;
  /** Receives lcov.info, html/ and summary.json; replaced as a whole. */
  outputDir: string;
  /** Restrict the report to these files or directories (llvm-cov positional SOURCES). */
  sources?: readonly string[];
  /** The files to write (default: DEFAULT_REPORT_FORMATS); the summary is returned either way. */
  formats?: readonly ReportFormat[];
  /** include/exclude globs over workspace-relative paths, applied after minicov's own filters. */
  patterns?: PathPatterns;
  /** `version` and `timestamp` of cobertura.xml (default: `minicov`, now or SOURCE_DATE_EPOCH). */
  producer?: { version: string; timestamp?: number };
  /** Receives llvm-cov's warnings (e.g. functions whose profile data does not match the binary) and minicov's own. */
  onWarning?: WarningSink;
  /** Receives each reported file's source with its counts (llvm-cov's text view, paths workspace-relative). */
  onAnnotatedSource?: (text: string) => void;
  /** The task writing the report (`<project>:<target>`): its stamp (report-directory.ts) goes into `outputDir`. */
  task?: string;
}

/** The names of the report's files, by format. */
export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = {
  lcov: 'lcov.info',
  cobertura: 'cobertura.xml',
  html: join('html', 'index.html'),
  json: 'summary.json',
  codecov: 'codecov.json',
};

/** The report would contain no source files. */
export class EmptyCoverageReportError extends MinicovError {}

/** The profile holds no coverage for the binaries: an empty file, or one with no function that ran. */
export class EmptyProfileError extends MinicovError {}

/**
 * Produces the report in `outputDir` and returns its summary (with each file's uncovered lines);
 * on any failure `outputDir` is left as it was.
 */
export async function writeCoverageReport(
  options: WriteCoverageReportOptions,
): Promise<CoverageSummary> {
  const root = resolve(options.workspaceRoot);
  const at = (path: string): string => resolve(root, path);
  await checkProfileNotEmpty(at(options.profdata));
  const filter: SourceFilter = {
    workspaceRoot: root,
    runtimeDir: options.runtimeDir === undefined ? undefined : at(options.runtimeDir),
  };
  const warnings: string[] = [];
  const onWarning: WarningSink = (warning) => {
    if (warnings.includes(warning)) return; // every llvm-cov run repeats the same warnings
    warnings.push(warning);
    options.onWarning?.(warning);
  };
  const base: CoverageInput = {
    profdata: at(options.profdata),
    binaries: options.binaries.map(at),
    sources: options.sources?.map(at),
    workspaceRoot: root,
  };

  const everything = await exportSummary(options.llvmCov, base, onWarning);
  if (everything.totals.functions.count > 0 && everything.totals.functions.covered === 0)
    throw noExecutionError(base, warnings);
  const plan = planSourceFilter(
    everything.files.map((f) => f.filename),
    filter,
  );
  if (plan.kept.length === 0) throw emptyReportError(base, filter, plan.removed, warnings);
  // The user's patterns see workspace-relative paths; llvm-cov's filters need the paths it printed.
  const printedPath = new Map(
    plan.kept.map((file) => [workspaceRelative(file, root) ?? file, file]),
  );
  const selection = selectByPatterns(
    [...printedPath.keys()],
    options.patterns ?? { include: [], exclude: [] },
  );
  for (const pattern of selection.unmatchedIncludes) {
    onWarning(
      `minicov: include pattern "${pattern}" matches none of the ${plan.kept.length} files in the report (${describeFiles([...printedPath.keys()])})`,
    );
  }
  if (selection.kept.length === 0)
    throw patternsRemovedAllError(base, options.patterns, [...printedPath.keys()]);
  const kept = selection.kept.map((file) => printedPath.get(file) as string);
  const byPattern = selection.dropped.map((file) =>
    exactPathRegex(printedPath.get(file) as string),
  );
  const input: CoverageInput = { ...base, ignoreRegexes: [...plan.ignoreRegexes, ...byPattern] };

  // The previous report stays whole on any failure: people read it, and no later step takes it for this one's.
  return replaceOutput(
    at(options.outputDir),
    (staging) => writeReportFiles(staging, { options, input, kept, root, onWarning }),
    'keep-previous',
  );
}

/** What the report's files are written from, once its sources are chosen. */
interface ReportFilesInput {
  options: WriteCoverageReportOptions;
  /** llvm-cov's input, with the filters that leave exactly `kept`. */
  input: CoverageInput;
  kept: readonly string[];
  root: string;
  onWarning: WarningSink;
}

/** Writes the report's chosen formats into `staging` (a new directory) and returns its summary. */
async function writeReportFiles(
  staging: string,
  report: ReportFilesInput,
): Promise<CoverageSummary> {
  const { options, input, kept, root, onWarning } = report;
  const formats = options.formats ?? DEFAULT_REPORT_FORMATS;
  await mkdir(staging);
  const filtered = await exportSummary(options.llvmCov, input, onWarning);
  checkSameFiles(
    filtered.files.map((f) => f.filename),
    kept,
    options.llvmCov,
  );
  const summary = summarizeCoverage(filtered, root);
  const lcov = await rewriteLcovWithTools(
    await exportLcov(options.llvmCov, input, onWarning),
    root,
    options.llvmCxxfilt,
  );
  const lcovFiles = parseLcov(lcov, `${options.llvmCov} export -format=lcov`);
  const linesByFile = lineCountsByFile(lcovFiles);
  for (const file of summary.files) {
    const source = await readFile(join(root, file.file), 'utf8').catch(() => undefined);
    file.uncoveredLines = uncoveredRanges(
      linesByFile.get(file.file) ?? new Map(),
      source?.split('\n'),
    );
  }
  if (formats.includes('lcov')) await writeFile(join(staging, REPORT_FILES.lcov), lcov);
  if (formats.includes('cobertura')) {
    const timestamp = options.producer?.timestamp ?? defaultTimestamp();
    await writeFile(
      join(staging, REPORT_FILES.cobertura),
      formatCobertura(lcovFiles, { version: options.producer?.version ?? 'minicov', timestamp }),
    );
  }
  if (formats.includes('html')) {
    const branches = summary.totals.branches !== undefined;
    await showHtml(
      options.llvmCov,
      input,
      { outputDir: join(staging, 'html'), demangler: options.llvmCxxfilt, branches },
      onWarning,
    );
    await relocateHtml(join(staging, 'html'), root);
  }
  if (formats.includes('codecov'))
    await writeFile(join(staging, REPORT_FILES.codecov), formatCodecov(lcovFiles));
  if (formats.includes('json'))
    await writeFile(join(staging, REPORT_FILES.json), `${JSON.stringify(summary, null, 2)}\n`);
  if (options.task !== undefined)
    await writeFile(
      join(staging, REPORT_STAMP_FILE),
      await reportStampText(options.task, input.profdata),
    );
  if (options.onAnnotatedSource) {
    const text = await showText(options.llvmCov, input, options.llvmCxxfilt, onWarning);
    options.onAnnotatedSource(withoutRoots(text, root));
  }
  return summary;
}

/** Seconds since the epoch for cobertura.xml: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
function defaultTimestamp(): number {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isSafeInteger(epoch) && epoch >= 0 ? epoch : Math.floor(Date.now() / 1000);
}

async function checkProfileNotEmpty(profdata: string): Promise<void> {
  const size = await stat(profdata).then(
    (s) => s.size,
    () => undefined, // a missing profile is llvm-cov's to report, with its own message
  );
  if (size === 0) {
    throw new EmptyProfileError(
      `the profile ${profdata} is empty (0 bytes)`,
      'run the coverage run and merge steps again; an interrupted merge leaves no usable profile',
    );
  }
}

function noExecutionError(input: CoverageInput, warnings: readonly string[]): EmptyProfileError {
  const warned = warnings.length ? `\n  llvm-cov warned:\n    ${warnings.join('\n    ')}` : '';
  return new EmptyProfileError(
    `the profile ${input.profdata} records no executed function in ${input.binaries.join(', ')}: it is empty, or it was written by other binaries${warned}`,
    'merge the profiles these binaries wrote (run the coverage run step again after rebuilding), and check that the program calls the capture before it exits',
  );
}

/** The first few of `names` (workspace-relative), for messages. */
function describeFiles(names: readonly string[]): string {
  return names.slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
}

function patternsRemovedAllError(
  input: CoverageInput,
  patterns: PathPatterns | undefined,
  files: readonly string[],
): EmptyCoverageReportError {
  return new EmptyCoverageReportError(
    `the coverage report for ${input.binaries.join(', ')} would be empty: include ${JSON.stringify(patterns?.include ?? [])} and exclude ${JSON.stringify(patterns?.exclude ?? [])} leave none of its ${files.length} files (${describeFiles(files)})`,
    'write the patterns over workspace-relative paths as the report lists them, e.g. "examples/fw/src/**"',
  );
}

function emptyReportError(
  input: CoverageInput,
  filter: SourceFilter,
  removed: ReadonlyMap<ExclusionReason, readonly string[]>,
  warnings: readonly string[],
): EmptyCoverageReportError {
  const what = `${input.binaries.join(', ')} with profile ${input.profdata}`;
  const warned = warnings.length ? `\n  llvm-cov warned:\n    ${warnings.join('\n    ')}` : '';
  if (removed.size === 0) {
    const scope = input.sources?.length
      ? ` among the requested sources (${input.sources.join(', ')})`
      : '';
    return new EmptyCoverageReportError(
      `llvm-cov found no source files with coverage${scope} in ${what}${warned}`,
      'pass the instrumented binaries that wrote this profile (rebuilt binaries no longer match it: re-run them and merge again)',
    );
  }
  const count = [...removed.values()].reduce((n, files) => n + files.length, 0);
  // No file of this workspace at all, only sources outside it (besides the toolchain's and the registry's): the
  // binaries were built in a checkout at another path (a build restored from a cache another checkout filled).
  const foreign: readonly ExclusionReason[] = [
    'outside-workspace',
    'rust-toolchain',
    'cargo-registry',
  ];
  const elsewhere =
    removed.has('outside-workspace') &&
    [...removed.keys()].every((reason) => foreign.includes(reason));
  return new EmptyCoverageReportError(
    `the coverage report for ${what} would be empty: minicov's source filters removed all ${count} files llvm-cov found:\n    ` +
      describeRemoved(removed).join('\n    ') +
      warned,
    elsewhere
      ? `the binaries name sources outside ${filter.workspaceRoot}: they were built in a checkout at another path (most likely restored from a cache another checkout filled) by a build that recorded that checkout's paths (rustc older than 1.95, or C compiled without MINICOV_CFLAGS); build them in this one (run the build step with --skip-nx-cache), use rustc 1.95 or newer, or run a chain's steps in checkouts at the same path`
      : `check workspaceRoot (${filter.workspaceRoot}) and runtimeDir (${filter.runtimeDir ?? 'none'}); the report keeps files under the workspace root outside the runtime, target/, vendor/ and toolchain directories`,
  );
}

function checkSameFiles(
  actual: readonly string[],
  expected: readonly string[],
  llvmCov: string,
): void {
  const want = new Set(expected);
  if (actual.length === want.size && actual.every((file) => want.has(file))) return;
  throw new MinicovError(
    `${llvmCov} applied minicov's -ignore-filename-regex filters differently than expected: reported [${actual.join(', ')}], expected [${expected.join(', ')}]`,
    'report this as a minicov bug, with the paths above',
  );
}

/** llvm-cov's text view with each file named by its workspace-relative path (it prints the names it reads). */
function withoutRoots(text: string, root: string): string {
  return workspaceRootSpellings(root).reduce(
    (shown, prefix) => shown.split(`${prefix}/`).join(''),
    text,
  );
}
