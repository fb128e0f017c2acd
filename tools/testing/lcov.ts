// Line execution counts from lcov (an lcov.info file, or `llvm-cov export -format=lcov`), read by the plugin's own
// lcov parser, and the source lines tests mark.
import { readFileSync } from 'node:fs';

import { lineCountsByFile, parseLcov } from '../../packages/minicov/src/report/lcov-model';
import { checkoutPath } from '../../packages/minicov/src/report/source-filter';
import { mustRun } from './exec';

/**
 * Per source file (absolute path), the execution count of each instrumented line, as llvm-cov exports them. With
 * `workspaceRoot` (binaries minicov built), the sources coverage builds name under the recorded root are the files
 * under it, as the report reads them.
 */
export function lineCounts(
  llvmCov: string,
  binary: string,
  profdata: string,
  workspaceRoot?: string,
): Map<string, Map<number, number>> {
  const text = mustRun(llvmCov, [
    'export',
    '-format=lcov',
    `-instr-profile=${profdata}`,
    binary,
  ]).stdout.toString();
  const counts = lineCountsByFile(parseLcov(text, `${llvmCov} export -format=lcov ${binary}`));
  if (workspaceRoot === undefined) return counts;
  return new Map([...counts].map(([file, lines]) => [checkoutPath(file, workspaceRoot), lines]));
}

/** `SF:` path → (line → count) from the `DA:` records of an lcov file. */
export function readLcovLineCounts(path: string): Map<string, Map<number, number>> {
  return lineCountsByFile(parseLcov(readFileSync(path, 'utf8'), path));
}

/** The 1-based number of the only line of `file` that contains `text`. */
export function lineOf(file: string, text: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  const [only] = hits;
  if (hits.length !== 1 || only === undefined) {
    throw new Error(
      `expected one line containing ${JSON.stringify(text)} in ${file}, found ${hits.length}`,
    );
  }
  return only;
}
