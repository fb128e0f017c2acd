// Writes a complete coverage report (lcov.info, html/, summary.json) and swaps it into place only when all of it succeeded.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MinicovError } from '../errors';
import { exportLcov, exportSummary, showHtml, type CoverageInput, type WarningSink } from './llvm-cov-export';
import { rewriteLcovWithTools } from './lcov-rewrite';
import { relocateHtml } from './relocate-html';
import { describeRemoved, planSourceFilter, type ExclusionReason, type SourceFilter } from './source-filter';
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
  /** Receives llvm-cov's warnings (e.g. functions whose profile data does not match the binary). */
  onWarning?: WarningSink;
}

/** The report would contain no source files. */
export class EmptyCoverageReportError extends MinicovError {}

/** Produces the report in `outputDir` and returns its summary; on any failure `outputDir` is left as it was. */
export async function writeCoverageReport(options: WriteCoverageReportOptions): Promise<CoverageSummary> {
  const root = resolve(options.workspaceRoot);
  const at = (path: string): string => resolve(root, path);
  const filter: SourceFilter = { workspaceRoot: root, runtimeDir: options.runtimeDir === undefined ? undefined : at(options.runtimeDir) };
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
  };

  const everything = await exportSummary(options.llvmCov, base, onWarning);
  const plan = planSourceFilter(everything.files.map((f) => f.filename), filter);
  if (plan.kept.length === 0) throw emptyReportError(base, filter, plan.removed, warnings);
  const input: CoverageInput = { ...base, ignoreRegexes: plan.ignoreRegexes };

  const outputDir = at(options.outputDir);
  await mkdir(dirname(outputDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outputDir), `.${basename(outputDir)}.partial-`));
  try {
    const filtered = await exportSummary(options.llvmCov, input, onWarning);
    checkSameFiles(filtered.files.map((f) => f.filename), plan.kept, options.llvmCov);
    const summary = summarizeCoverage(filtered, root);
    const lcov = await rewriteLcovWithTools(await exportLcov(options.llvmCov, input, onWarning), root, options.llvmCxxfilt);
    await writeFile(join(staging, 'lcov.info'), lcov);
    await showHtml(options.llvmCov, input, { outputDir: join(staging, 'html'), demangler: options.llvmCxxfilt }, onWarning);
    await relocateHtml(join(staging, 'html'), root);
    await writeFile(join(staging, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await replaceDirectory(staging, outputDir);
    return summary;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
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
    const scope = input.sources?.length ? ` among the requested sources (${input.sources.join(', ')})` : '';
    return new EmptyCoverageReportError(
      `llvm-cov found no source files with coverage${scope} in ${what}${warned}`,
      'pass the instrumented binaries that wrote this profile (rebuilt binaries no longer match it: re-run them and merge again)',
    );
  }
  const count = [...removed.values()].reduce((n, files) => n + files.length, 0);
  return new EmptyCoverageReportError(
    `the coverage report for ${what} would be empty: minicov's source filters removed all ${count} files llvm-cov found:\n    ` +
      describeRemoved(removed).join('\n    ') +
      warned,
    `check workspaceRoot (${filter.workspaceRoot}) and runtimeDir (${filter.runtimeDir ?? 'none'}); the report keeps files under the workspace root outside the runtime, target/, vendor/ and toolchain directories`,
  );
}

function checkSameFiles(actual: readonly string[], expected: readonly string[], llvmCov: string): void {
  const want = new Set(expected);
  if (actual.length === want.size && actual.every((file) => want.has(file))) return;
  throw new MinicovError(
    `${llvmCov} applied minicov's -ignore-filename-regex filters differently than expected: reported [${actual.join(', ')}], expected [${expected.join(', ')}]`,
    'report this as a minicov bug, with the paths above',
  );
}

/** Moves `staging` to `target`, replacing any previous report; restores the previous one if the move fails. */
async function replaceDirectory(staging: string, target: string): Promise<void> {
  const previous = `${staging}.previous`;
  const hadPrevious = await rename(target, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw new MinicovError(`cannot move the previous report ${target} aside: ${error.message}`, `check permissions on ${dirname(target)}`);
    },
  );
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(previous, target).catch(() => undefined);
    throw new MinicovError(`cannot move the new report into ${target}: ${(error as Error).message}`, `check permissions on ${dirname(target)}`);
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}
