// Reading `llvm-profdata show` output per function, to compare two profiles function by function.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun } from './exec';

/**
 * Every function's lines of `llvm-profdata show --all-functions --counts --ic-targets --memop-sizes`; a
 * binary-correlated profile is first merged with the binary that wrote it (`binaryFile`), which holds its records.
 */
export function showFunctions(
  profdata: string,
  profile: string,
  binaryFile?: string,
): Map<string, string[]> {
  let shown = profile;
  if (binaryFile) {
    shown = join(mkdtempSync(join(tmpdir(), 'minicov-correlated-')), 'merged.profdata');
    mustRun(profdata, ['merge', `--binary-file=${binaryFile}`, '-o', shown, profile]);
  }
  const args = ['show', '--all-functions', '--counts', '--ic-targets', '--memop-sizes', shown];
  const text = mustRun(profdata, args).stdout.toString('utf8');
  const functions = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const header = /^ {2}(\S.*):$/.exec(line);
    if (header?.[1] !== undefined) {
      current = [];
      functions.set(header[1], current);
    } else if (current && (line.startsWith('    ') || line.startsWith('\t'))) {
      current.push(line.trimEnd());
    } else {
      current = undefined;
    }
  }
  return functions;
}

/** The functions whose names match `pattern`, in name order, as one comparable object. */
export function selectFunctions(
  functions: Map<string, string[]>,
  pattern: RegExp,
): Record<string, string[]> {
  const selected: Record<string, string[]> = {};
  for (const name of [...functions.keys()].sort()) {
    if (pattern.test(name)) selected[name] = functions.get(name)!;
  }
  return selected;
}
