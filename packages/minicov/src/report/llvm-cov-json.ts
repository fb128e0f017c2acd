// Parses `llvm-cov export -format=text -summary-only` output, checking every field the report relies on.
import { MinicovError } from '../errors';

/** Covered and total counts of one kind of coverage item (lines, functions, regions, branches). */
export interface LlvmCovCounts {
  count: number;
  covered: number;
}

/** The counts llvm-cov reports for one file, or for all files together. */
export interface LlvmCovCountsByKind {
  lines: LlvmCovCounts;
  functions: LlvmCovCounts;
  regions: LlvmCovCounts;
  /** Absent in older export versions; llvm-cov 22 always prints it (count 0 when nothing was recorded). */
  branches?: LlvmCovCounts;
}

/** The validated part of an llvm-cov JSON summary export. */
export interface LlvmCovSummary {
  version: string;
  files: { filename: string; summary: LlvmCovCountsByKind }[];
  totals: LlvmCovCountsByKind;
}

/** llvm-cov printed JSON whose shape minicov does not know; names the first field that is wrong. */
export class LlvmCovOutputError extends MinicovError {}

const SUPPORTED_MAJORS = ['2', '3'];

type Json = Record<string, unknown>;

/** Parses and validates the JSON text; `tool` (the llvm-cov path) is named in errors. */
export function parseLlvmCovSummary(text: string, tool: string): LlvmCovSummary {
  const fail = (what: string): never => {
    throw new LlvmCovOutputError(
      `${tool} export -summary-only printed JSON minicov does not understand: ${what}`,
      `use the llvm-cov of the LLVM major the workspace pins (export format 2.x or 3.x), or report this output as a minicov bug`,
    );
  };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return fail(
      `not JSON (${(error as Error).message}); output starts with ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  const top = object(root, '(top level)', fail);
  if (top.type !== 'llvm.coverage.json.export')
    fail(`"type" is ${JSON.stringify(top.type)}, expected "llvm.coverage.json.export"`);
  const version =
    typeof top.version === 'string'
      ? top.version
      : fail(`"version" is ${JSON.stringify(top.version)}`);
  if (!SUPPORTED_MAJORS.includes(version.split('.')[0] ?? ''))
    fail(`export format version ${version} (supported: 2.x, 3.x)`);
  if (!Array.isArray(top.data) || top.data.length !== 1)
    fail(`"data" should be an array of exactly one export`);
  const data = object((top.data as unknown[])[0], 'data[0]', fail);
  if (!Array.isArray(data.files)) fail('data[0].files is not an array');
  const files = (data.files as unknown[]).map((entry, i) => {
    const file = object(entry, `data[0].files[${i}]`, fail);
    if (typeof file.filename !== 'string' || file.filename === '')
      fail(`data[0].files[${i}].filename is not a file name`);
    return {
      filename: file.filename as string,
      summary: countsByKind(file.summary, `data[0].files[${i}].summary`, fail),
    };
  });
  return { version, files, totals: countsByKind(data.totals, 'data[0].totals', fail) };
}

function countsByKind(
  value: unknown,
  at: string,
  fail: (what: string) => never,
): LlvmCovCountsByKind {
  const summary = object(value, at, fail);
  const result: LlvmCovCountsByKind = {
    lines: counts(summary.lines, `${at}.lines`, fail),
    functions: counts(summary.functions, `${at}.functions`, fail),
    regions: counts(summary.regions, `${at}.regions`, fail),
  };
  if (summary.branches !== undefined)
    result.branches = counts(summary.branches, `${at}.branches`, fail);
  return result;
}

function counts(value: unknown, at: string, fail: (what: string) => never): LlvmCovCounts {
  const entry = object(value, at, fail);
  const count = entry.count;
  const covered = entry.covered;
  if (!isCount(count))
    return fail(`${at}.count is ${JSON.stringify(count)}, not a whole number ≥ 0`);
  if (!isCount(covered))
    return fail(`${at}.covered is ${JSON.stringify(covered)}, not a whole number ≥ 0`);
  if (covered > count) return fail(`${at}.covered (${covered}) exceeds ${at}.count (${count})`);
  return { count, covered };
}

function object(value: unknown, at: string, fail: (what: string) => never): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`${at} is not an object`);
  return value as Json;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
