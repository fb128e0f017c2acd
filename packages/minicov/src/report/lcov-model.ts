// Reads lcov tracefile text (as llvm-cov exports it) into per-file line, function and branch records.
import { MinicovError } from '../errors';

/** One function: its first line, name and how often it was entered. */
export interface LcovFunction {
  name: string;
  line: number;
  hits: number;
}

/** One branch outcome at a line; `taken` is undefined when the branch's block never ran (lcov's `-`). */
export interface LcovBranch {
  line: number;
  block: number;
  branch: number;
  taken: number | undefined;
}

/** Everything one `SF:` record says about a source file. */
export interface LcovFile {
  path: string;
  /** Execution count of each instrumented line, by line number. */
  lines: Map<number, number>;
  functions: LcovFunction[];
  branches: LcovBranch[];
}

/** lcov text that does not have the structure llvm-cov writes. */
export class LcovFormatError extends MinicovError {}

/** Parses lcov text; `source` names it in errors. Records repeated for a line are added up, as lcov tools do. */
export function parseLcov(text: string, source: string): LcovFile[] {
  const files: LcovFile[] = [];
  let current: LcovFile | undefined;
  const fail = (lineNumber: number, what: string): never => {
    throw new LcovFormatError(
      `${source}:${lineNumber}: ${what}`,
      'regenerate the report; the lcov file must come from llvm-cov export -format=lcov',
    );
  };
  text.split('\n').forEach((raw, index) => {
    const at = index + 1;
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('TN:')) return;
    if (line === 'end_of_record') {
      if (!current) fail(at, 'end_of_record without SF:');
      current = undefined;
      return;
    }
    const colon = line.indexOf(':');
    const key = colon < 0 ? line : line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (key === 'SF') {
      if (current) fail(at, 'SF: inside a record (missing end_of_record)');
      current = { path: value, lines: new Map(), functions: [], branches: [] };
      files.push(current);
      return;
    }
    const file = current ?? fail(at, `${key}: outside an SF: record`);
    const numbers = (fields: string[], count: number): number[] =>
      fields
        .slice(0, count)
        .map((f) =>
          /^\d+$/.test(f)
            ? Number(f)
            : fail(at, `"${f}" is not a count in ${JSON.stringify(line)}`),
        );
    /** `<count>,<name>`: the leading number and the rest (a name may itself contain commas). */
    const countAndName = (): [number, string] => {
      const comma = value.indexOf(',');
      if (comma < 0) fail(at, `${key} without a name: ${JSON.stringify(line)}`);
      const [count] = numbers([value.slice(0, comma)], 1) as [number];
      return [count, value.slice(comma + 1)];
    };
    switch (key) {
      case 'DA': {
        const [lineNo, hits] = numbers(value.split(','), 2) as [number, number];
        file.lines.set(lineNo, (file.lines.get(lineNo) ?? 0) + hits);
        return;
      }
      case 'FN': {
        const [lineNo, rest] = countAndName();
        // lcov 2 writes FN:<start>,<end>,<name>; llvm-cov writes FN:<start>,<name>.
        const name = /^\d+,/.test(rest) ? rest.slice(rest.indexOf(',') + 1) : rest;
        if (name === '') fail(at, `FN without a name: ${JSON.stringify(line)}`);
        file.functions.push({ name, line: lineNo, hits: 0 });
        return;
      }
      case 'FNDA': {
        const [hits, name] = countAndName();
        const fn =
          file.functions.find((f) => f.name === name) ??
          fail(at, `FNDA for a function with no FN line: ${name}`);
        fn.hits += hits;
        return;
      }
      case 'BRDA': {
        const fields = value.split(',');
        if (fields.length !== 4) fail(at, `BRDA needs 4 fields: ${JSON.stringify(line)}`);
        const [lineNo, block, branch] = numbers(fields, 3) as [number, number, number];
        const takenText = fields[3] as string;
        const taken = takenText === '-' ? undefined : (numbers([takenText], 1)[0] as number);
        file.branches.push({ line: lineNo, block, branch, taken });
        return;
      }
      case 'FNF':
      case 'FNH':
      case 'LF':
      case 'LH':
      case 'BRF':
      case 'BRH':
        return; // totals; recomputed from the records
      default:
        return; // other lcov records (VER, FNL, …) carry nothing a report uses
    }
  });
  if (current)
    throw new LcovFormatError(
      `${source}: the last record has no end_of_record`,
      'regenerate the report; the file was cut short',
    );
  return files;
}

/** Each file's execution count per line, by the file's `SF:` path. */
export function lineCountsByFile(files: readonly LcovFile[]): Map<string, Map<number, number>> {
  return new Map(files.map((file) => [file.path, file.lines]));
}

/** Instrumented and covered line counts of a file. */
export function lineTotals(file: LcovFile): { found: number; hit: number } {
  let hit = 0;
  for (const count of file.lines.values()) if (count > 0) hit += 1;
  return { found: file.lines.size, hit };
}

/** Branch outcomes found and taken at least once. */
export function branchTotals(branches: readonly LcovBranch[]): { found: number; hit: number } {
  return { found: branches.length, hit: branches.filter((b) => (b.taken ?? 0) > 0).length };
}
