// Line execution counts from `llvm-cov export -format=lcov`, and the source lines tests mark.
import { readFileSync } from 'node:fs';

import { mustRun } from './exec';

/** Per source file (absolute path), the execution count of each instrumented line. */
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
  const files = new Map<string, Map<number, number>>();
  let current: Map<number, number> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('SF:')) {
      current = new Map();
      files.set(line.slice(3), current);
    } else if (line.startsWith('DA:') && current) {
      const [lineNo = NaN, count = NaN] = line.slice(3).split(',').map(Number);
      current.set(lineNo, count);
    }
  }
  return files;
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
