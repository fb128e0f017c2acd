// Reading `llvm-profdata show` output per function, to compare two profiles function by function.
import { mustRun } from './exec';

/** Every function's lines of `llvm-profdata show --all-functions --counts --ic-targets --memop-sizes`. */
export function showFunctions(profdata: string, profile: string): Map<string, string[]> {
  const args = ['show', '--all-functions', '--counts', '--ic-targets', '--memop-sizes', profile];
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
