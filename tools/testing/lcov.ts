// Line execution counts from lcov (an lcov.info file, or `llvm-cov export -format=lcov`), read by the plugin's own
// lcov parser, and the source lines tests mark.
import { readFileSync } from 'node:fs';

import { lineCountsByFile, parseLcov } from '../../packages/minicov/src/report/lcov-model';
import { mustRun } from './exec';

/** Per source file (absolute path), the execution count of each instrumented line, as llvm-cov exports them. */
export function lineCounts(
  llvmCov: string,
  binary: string,
  profdata: string,
): Map<string, Map<number, number>> {
  const text = mustRun(llvmCov, [
    'export',
    '-format=lcov',
    `-instr-profile=${profdata}`,
    binary,
  ]).stdout.toString();
  return lineCountsByFile(parseLcov(text, `${llvmCov} export -format=lcov ${binary}`));
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
