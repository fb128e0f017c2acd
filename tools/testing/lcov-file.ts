// Reads an lcov.info file: per source file, the execution count of each line.
import { readFileSync } from 'node:fs';

/** `SF:` path → (line → count) from the `DA:` records of an lcov file. */
export function readLcovLineCounts(path: string): Map<string, Map<number, number>> {
  const files = new Map<string, Map<number, number>>();
  let current: Map<number, number> | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('SF:')) {
      current = new Map();
      files.set(line.slice(3), current);
    } else if (line.startsWith('DA:') && current) {
      const [lineNumber, count] = line.slice(3).split(',');
      current.set(Number(lineNumber), Number(count));
    }
  }
  return files;
}
