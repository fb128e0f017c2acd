// Post-processes llvm-cov's lcov: workspace-relative SF paths and demangled FN/FNDA names.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MinicovError } from '../errors';
import { runTool } from '../process/run-tool';
import { workspaceRelative } from './source-filter';

/**
 * A function-name field of an lcov line: `FN:<line>[,<end>],<name>`, `FNDA:<count>,<name>` or lcov 2's
 * `FNA:<index>,<count>,<name>`.
 */
const NAME_LINE = /^(FN:\d+(?:,\d+)?,|FNDA:\d+,|FNA:\d+,\d+,)(.*)$/;

/** A mangled symbol: Rust v0 (`_R…`), Itanium C++ / Rust legacy (`_Z…`, also with Apple's extra underscores). */
const MANGLED = /^(?:_R|_{1,3}Z)[A-Za-z0-9_.$]+$/;

/** Rust legacy symbols end in a 16-hex-digit hash (`…17h0123456789abcdefE`), which demangles to a `::h…` suffix. */
const LEGACY_RUST = /^_ZN.*17h[0-9a-f]{16}E$/;

/** The function name on an lcov line, or undefined if the line carries none. */
export function functionNameOf(line: string): string | undefined {
  return NAME_LINE.exec(line)?.[2];
}

/**
 * Splits a profile function name into a `file.c:`-style prefix (static functions)
 * and the symbol to demangle, if mangled.
 */
export function mangledPart(name: string): { prefix: string; symbol: string } | undefined {
  const cut = Math.max(name.lastIndexOf(':'), name.lastIndexOf(';')) + 1;
  const symbol = name.slice(cut);
  return MANGLED.test(symbol) ? { prefix: name.slice(0, cut), symbol } : undefined;
}

/** The distinct mangled symbols named by FN/FNDA/FNA lines, in order of first appearance. */
export function mangledSymbols(lcov: string): string[] {
  const symbols = new Set<string>();
  for (const line of lcov.split('\n')) {
    const name = functionNameOf(line);
    const part = name === undefined ? undefined : mangledPart(name);
    if (part) symbols.add(part.symbol);
  }
  return [...symbols];
}

/** Tidies llvm-cxxfilt's output for one symbol: drops the legacy Rust hash suffix, as rustfilt does. */
export function tidyDemangled(symbol: string, demangled: string): string {
  return LEGACY_RUST.test(symbol) ? demangled.replace(/::h[0-9a-f]{16}$/, '') : demangled;
}

/**
 * Demangles all `symbols` with ONE llvm-cxxfilt run (one name per line in, one per line out);
 * returns symbol → readable name.
 */
export async function demangleSymbols(
  llvmCxxfilt: string,
  symbols: readonly string[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (symbols.length === 0) return result;
  // runTool has no stdin, so the names go in an @response file (one per line; MANGLED names need no quoting).
  const scratch = await mkdtemp(join(tmpdir(), 'minicov-demangle-'));
  try {
    const responseFile = join(scratch, 'symbols.txt');
    await writeFile(responseFile, `${symbols.join('\n')}\n`);
    const output = await runTool(llvmCxxfilt, [`@${responseFile}`], {
      fix: `install llvm-cxxfilt for the LLVM major the workspace pins, or correct its path (${llvmCxxfilt})`,
    });
    const lines = output.stdout.replace(/\n$/, '').split('\n');
    if (lines.length !== symbols.length) {
      throw new MinicovError(
        `${llvmCxxfilt} printed ${lines.length} lines for ${symbols.length} symbols; cannot pair names with demangled names`,
        `check that ${llvmCxxfilt} is LLVM's llvm-cxxfilt (one output line per input name)`,
      );
    }
    symbols.forEach((symbol, i) => result.set(symbol, tidyDemangled(symbol, lines[i] || symbol)));
    return result;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What `rewriteLcov` changes: SF paths are made relative to `workspaceRoot`, names looked up in `demangled`. */
export interface LcovRewrite {
  workspaceRoot: string;
  demangled: ReadonlyMap<string, string>;
}

/** Rewrites lcov text: `SF:` workspace-relative (paths outside are kept as they are), function names demangled. */
export function rewriteLcov(lcov: string, rewrite: LcovRewrite): string {
  return lcov
    .split('\n')
    .map((line) => {
      if (line.startsWith('SF:'))
        return `SF:${workspaceRelative(line.slice(3), rewrite.workspaceRoot) ?? line.slice(3)}`;
      const match = NAME_LINE.exec(line);
      if (!match) return line;
      const [, head = '', name = ''] = match;
      const part = mangledPart(name);
      const readable = part && rewrite.demangled.get(part.symbol);
      return readable === undefined ? line : `${head}${part?.prefix ?? ''}${readable}`;
    })
    .join('\n');
}

/** Demangles and relativizes an lcov tracefile in one step (one llvm-cxxfilt run). */
export async function rewriteLcovWithTools(
  lcov: string,
  workspaceRoot: string,
  llvmCxxfilt: string,
): Promise<string> {
  const demangled = await demangleSymbols(llvmCxxfilt, mangledSymbols(lcov));
  return rewriteLcov(lcov, { workspaceRoot, demangled });
}
