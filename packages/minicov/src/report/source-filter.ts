// Which source files a coverage report keeps, and the llvm-cov -ignore-filename-regex values that drop the rest.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { RECORDED_WORKSPACE_ROOT, recordedRelative } from '../model/recorded-source-paths';

/** The directories that decide what a report keeps (absolute paths). */
export interface SourceFilter {
  workspaceRoot: string;
  /** The minicov runtime's own sources: instrumented, but never part of the user's report. */
  /** The minicov runtime's sources, when the workspace builds them from a path dependency. */
  runtimeDir?: string;
}

/** Why a file was left out of the report; each reason is one filter. */
export type ExclusionReason =
  'runtime' | 'rust-toolchain' | 'cargo-registry' | 'outside-workspace' | 'build-dir' | 'vendored';

/** What the report does with one source file that llvm-cov listed. */
export type SourceVerdict = { kept: true } | { kept: false; reason: ExclusionReason };

/** Human wording of each filter, for error messages. */
export const EXCLUSION_DESCRIPTIONS: Readonly<Record<ExclusionReason, string>> = {
  runtime: 'sources of the minicov runtime (runtimeDir)',
  'rust-toolchain': 'Rust toolchain sources (/rustc/<hash>/…, …/lib/rustlib/src/…)',
  'cargo-registry':
    'crates from the cargo registry or git checkouts (…/.cargo/registry, …/.cargo/git)',
  'outside-workspace': 'files outside the workspace root',
  'build-dir': 'generated files under a target/ build directory',
  vendored: 'vendored sources (vendor/, node_modules/)',
};

/** The result of filtering llvm-cov's file list: what stays, what went (by filter), and the llvm-cov arguments. */
export interface SourceFilterPlan {
  kept: string[];
  removed: Map<ExclusionReason, string[]>;
  /** POSIX ERE values for `-ignore-filename-regex=`: together they drop exactly the removed files. */
  ignoreRegexes: string[];
}

// Written in the subset where POSIX ERE (llvm::Regex) and JavaScript RegExp agree, so both can test them.
const TOOLCHAIN_REMAP = '^/rustc/[0-9a-f]{7,}/';
const RUSTLIB_SRC = '/lib/rustlib/src/';
const CARGO_HOME_SOURCES = '/\\.cargo/(registry|git)/';

/** Escapes every POSIX ERE metacharacter so that `text` matches only itself (llvm::Regex syntax). */
export function escapeEre(text: string): string {
  return text.replace(/[.[\]()*+?{}|^$\\]/g, (c) => `\\${c}`);
}

/** ERE matching exactly one file path, for llvm-cov's `-ignore-filename-regex`. */
export function exactPathRegex(path: string): string {
  return `^${escapeEre(path)}$`;
}

/** ERE matching every path inside directory `dir` (not `dir` itself, nor siblings sharing its prefix). */
export function underDirRegex(dir: string): string {
  return `^${escapeEre(dir.replace(/\/+$/, ''))}/`;
}

/**
 * `file` as a path in the checkout at `root`: a source that coverage builds name under RECORDED_WORKSPACE_ROOT is
 * that file under `root`; any other path is taken as it is (relative ones relative to `root`).
 */
export function checkoutPath(file: string, root: string): string {
  const recorded = recordedRelative(file);
  return resolve(root, recorded ?? file);
}

/**
 * `file` relative to `root` with `/` separators, or undefined if it is not inside `root`.
 * Relative input is taken as relative to `root`; a recorded name (RECORDED_WORKSPACE_ROOT) as the file under `root`.
 */
export function workspaceRelative(file: string, root: string): string | undefined {
  const rel = relative(root, checkoutPath(file, root));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Decides whether the report keeps `file` (a path exactly as llvm-cov printed it); the first matching filter wins. */
export function classifySource(file: string, filter: SourceFilter): SourceVerdict {
  const drop = (reason: ExclusionReason): SourceVerdict => ({ kept: false, reason });
  if (
    filter.runtimeDir &&
    workspaceRelative(checkoutPath(file, filter.workspaceRoot), filter.runtimeDir) !== undefined
  )
    return drop('runtime');
  if (matches(TOOLCHAIN_REMAP, file) || matches(RUSTLIB_SRC, file)) return drop('rust-toolchain');
  if (matches(CARGO_HOME_SOURCES, file)) return drop('cargo-registry');
  const rel = workspaceRelative(file, filter.workspaceRoot);
  if (rel === undefined) return drop('outside-workspace');
  const dirs = rel.split('/').slice(0, -1);
  if (dirs.includes('target')) return drop('build-dir');
  if (dirs.includes('vendor') || dirs.includes('node_modules')) return drop('vendored');
  return { kept: true };
}

/** Regexes for whole filters that are safe to hand llvm-cov as they are (they drop many files with one value). */
export function filterRegexes(filter: SourceFilter): string[] {
  return [
    ...(filter.runtimeDir ? runtimeRegexes(filter.runtimeDir, filter.workspaceRoot) : []),
    TOOLCHAIN_REMAP,
    RUSTLIB_SRC,
    CARGO_HOME_SOURCES,
  ];
}

/** The runtime's directory as builds may name it: its own path, and under the recorded root when in the workspace. */
function runtimeRegexes(runtimeDir: string, root: string): string[] {
  const inWorkspace = workspaceRelative(runtimeDir, root);
  return [
    underDirRegex(runtimeDir),
    ...(inWorkspace ? [underDirRegex(`${RECORDED_WORKSPACE_ROOT}/${inWorkspace}`)] : []),
  ];
}

/** Tests an ERE from this module in JavaScript: escapeEre output and the constants above mean the same in both. */
function matches(ere: string, file: string): boolean {
  return new RegExp(ere).test(file);
}

/** Sorts llvm-cov's file list into kept and removed, and builds the ignore regexes that reproduce that split. */
export function planSourceFilter(files: readonly string[], filter: SourceFilter): SourceFilterPlan {
  const kept: string[] = [];
  const removed = new Map<ExclusionReason, string[]>();
  for (const file of files) {
    const verdict = classifySource(file, filter);
    if (verdict.kept) kept.push(file);
    else removed.set(verdict.reason, [...(removed.get(verdict.reason) ?? []), file]);
  }
  // A whole-filter regex is used only if it spares every kept file; removed files no such regex
  // catches are named one by one (ERE cannot say "not under the workspace root").
  const whole = filterRegexes(filter).filter((ere) => !kept.some((file) => matches(ere, file)));
  const exact = [...removed.values()]
    .flat()
    .filter((file) => !whole.some((ere) => matches(ere, file)))
    .map(exactPathRegex);
  return { kept, removed, ignoreRegexes: [...whole, ...exact] };
}

/** One line per filter that removed files: how many, and a few examples. */
export function describeRemoved(
  removed: ReadonlyMap<ExclusionReason, readonly string[]>,
): string[] {
  return [...removed].map(([reason, files]) => {
    const examples = files.slice(0, 3).join(', ') + (files.length > 3 ? ', …' : '');
    return `${files.length} × ${EXCLUSION_DESCRIPTIONS[reason]}: ${examples}`;
  });
}
