// llvm-cov command lines (pure builders) and the runners that export lcov, a JSON summary and HTML.
import { MinicovError } from '../errors';
import { runTool } from '../process/run-tool';
import { ToolFailedError } from '../process/tool-errors';
import { RECORDED_WORKSPACE_ROOT } from '../model/recorded-source-paths';
import { parseLlvmCovSummary, type LlvmCovSummary } from './llvm-cov-json';

/** What every llvm-cov report command reads: one merged profile, the instrumented binaries, and the file selection. */
export interface CoverageInput {
  profdata: string;
  /** The first is llvm-cov's positional binary, the rest are passed with -object. */
  binaries: readonly string[];
  /** POSIX ERE values for -ignore-filename-regex. */
  ignoreRegexes?: readonly string[];
  /** Positional SOURCES: when given, only these files (or files under these directories) are reported. */
  sources?: readonly string[];
  /**
   * The checkout's root, where llvm-cov reads the sources that coverage builds name under RECORDED_WORKSPACE_ROOT
   * (the names it prints stay the recorded ones).
   */
  workspaceRoot?: string;
}

/** Where `llvm-cov show -format=html` writes, and the demangler it pipes function names through. */
export interface HtmlOptions {
  outputDir: string;
  demangler: string;
  /** Show each branch's taken counts under its line (when the build recorded branches). */
  branches?: boolean;
}

/** llvm-cov failed to produce a report; the message names llvm-cov, the binaries and the profile. */
export class LlvmCovFailedError extends MinicovError {}

/** Arguments shared by export and show: profile, -object binaries, filters, then `--` and the positionals. */
export function coverageInputArgs(input: CoverageInput): string[] {
  const [first, ...more] = input.binaries;
  if (first === undefined) {
    throw new MinicovError(
      `llvm-cov needs at least one instrumented binary to read coverage mappings from; none was given (profile ${input.profdata})`,
      'pass the binaries that produced the profile (the test or firmware executables built with coverage)',
    );
  }
  return [
    `-instr-profile=${input.profdata}`,
    ...(input.workspaceRoot
      ? [`-path-equivalence=${RECORDED_WORKSPACE_ROOT},${input.workspaceRoot}`]
      : []),
    ...more.map((binary) => `-object=${binary}`),
    ...(input.ignoreRegexes ?? []).map((regex) => `-ignore-filename-regex=${regex}`),
    '--',
    first,
    ...(input.sources ?? []),
  ];
}

/** `llvm-cov export -format=lcov ...` arguments. */
export function lcovExportArgs(input: CoverageInput): string[] {
  return ['export', '-format=lcov', ...coverageInputArgs(input)];
}

/** `llvm-cov export -format=text -summary-only ...` arguments (JSON per-file and total counts). */
export function summaryExportArgs(input: CoverageInput): string[] {
  return ['export', '-format=text', '-summary-only', ...coverageInputArgs(input)];
}

/** `llvm-cov show -format=html ...` arguments: one page per source file plus index.html in `outputDir`. */
export function htmlShowArgs(input: CoverageInput, html: HtmlOptions): string[] {
  return [
    'show',
    '-format=html',
    `-output-dir=${html.outputDir}`,
    '-show-line-counts-or-regions',
    ...(html.branches ? ['-show-branches=count'] : []),
    `-Xdemangler=${html.demangler}`,
    ...coverageInputArgs(input),
  ];
}

/** Receives each `warning:` line llvm-cov printed while still succeeding (e.g. functions with mismatched data). */
export type WarningSink = (warning: string) => void;

/** Exports the coverage as lcov tracefile text (function names still mangled, paths as llvm-cov sees them). */
export async function exportLcov(
  llvmCov: string,
  input: CoverageInput,
  onWarning?: WarningSink,
): Promise<string> {
  return runLlvmCov(llvmCov, lcovExportArgs(input), input, onWarning);
}

/** Exports and validates the JSON summary (per-file and total counts). */
export async function exportSummary(
  llvmCov: string,
  input: CoverageInput,
  onWarning?: WarningSink,
): Promise<LlvmCovSummary> {
  return parseLlvmCovSummary(
    await runLlvmCov(llvmCov, summaryExportArgs(input), input, onWarning),
    llvmCov,
  );
}

/** `llvm-cov show -format=text ...` arguments: each file's source with its line counts, names demangled. */
export function textShowArgs(input: CoverageInput, demangler: string): string[] {
  return [
    'show',
    '-format=text',
    '-show-line-counts-or-regions',
    `-Xdemangler=${demangler}`,
    ...coverageInputArgs(input),
  ];
}

/** Each file's source annotated with its execution counts, as llvm-cov prints it (paths as llvm-cov sees them). */
export async function showText(
  llvmCov: string,
  input: CoverageInput,
  demangler: string,
  onWarning?: WarningSink,
): Promise<string> {
  return runLlvmCov(llvmCov, textShowArgs(input, demangler), input, onWarning);
}

/** Writes the HTML report into `html.outputDir` (llvm-cov creates the directory). */
export async function showHtml(
  llvmCov: string,
  input: CoverageInput,
  html: HtmlOptions,
  onWarning?: WarningSink,
): Promise<void> {
  await runLlvmCov(llvmCov, htmlShowArgs(input, html), input, onWarning);
}

async function runLlvmCov(
  llvmCov: string,
  args: string[],
  input: CoverageInput,
  onWarning?: WarningSink,
): Promise<string> {
  const fix = `install llvm-cov for the LLVM major the workspace pins, or correct its path (${llvmCov})`;
  try {
    const output = await runTool(llvmCov, args, { fix });
    for (const line of output.stderr.split('\n'))
      if (line.startsWith('warning:')) onWarning?.(`${llvmCov}: ${line}`);
    return output.stdout;
  } catch (error) {
    if (!(error instanceof ToolFailedError)) throw error;
    const binaries = `binar${input.binaries.length === 1 ? 'y' : 'ies'} ${input.binaries.join(', ')}`;
    const stderr = error.stderr.trim().split('\n').join('\n    ');
    throw new LlvmCovFailedError(
      `${llvmCov} ${args[0]} could not report ${binaries} with profile ${input.profdata}:\n    ${stderr}`,
      fixFor(error.stderr),
    );
  }
}

/** Advice matching llvm-cov's most common complaints. */
export function fixFor(stderr: string): string {
  if (
    /could not read profile data|invalid instrumentation profile|unsupported instrumentation profile format version/i.test(
      stderr,
    )
  ) {
    return 'check that the profile exists and was merged by llvm-profdata of the same LLVM major as llvm-cov';
  }
  if (/no coverage data found|no profile data|not an object file|invalid/i.test(stderr)) {
    return 'pass binaries built with coverage instrumentation (rustc -Cinstrument-coverage, clang -fprofile-instr-generate -fcoverage-mapping), unstripped';
  }
  if (/No such file or directory/i.test(stderr))
    return 'build the binaries and record the profile first, and check the paths given to the report';
  return 'check that the binaries are exactly the ones that produced the profile, built by the pinned LLVM major';
}
