// Where a report may be written (its output directory), and the stamp that marks a directory as a minicov report.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { MinicovError } from '../errors';
import { fileDigest } from '../fs/file-digest';

/** The file in every report directory that says which task wrote it, from which profile. */
export const REPORT_STAMP_FILE = '.minicov-report.json';

/** What the stamp records. */
export interface ReportStamp {
  /** The task that wrote the report (`<project>:<target>`). */
  task: string;
  /** sha256 of the merged profile the report was written from. */
  profile: string;
}

/** A report output directory that cannot be used: outside the workspace, over sources, or holding other files. */
export class ReportDirectoryError extends MinicovError {}

/** Directories, relative to the workspace root, that only minicov's other steps and cargo write. */
const RESERVED = [join('dist', 'minicov'), join('target')];

/**
 * The workspace-relative report directory `outputDir` (as the option `where` names it), checked: inside the
 * workspace, not the workspace root, not over `projectRoot` (the project's sources), not inside minicov's or cargo's
 * build directories, and either absent, empty, or a report this task wrote before (so replacing it loses nothing).
 */
export async function checkReportDirectory(
  workspaceRoot: string,
  outputDir: string,
  task: string,
  where: string,
  projectRoot = '.',
): Promise<string> {
  const path = normalize(outputDir).replace(/[\\/]+$/, '');
  const refuse = (problem: string, fix: string) =>
    new ReportDirectoryError(`${where} is "${outputDir}": ${problem}`, fix);
  const inside = isAbsolute(path) ? relative(workspaceRoot, path) : path;
  if (inside.startsWith('..') || isAbsolute(inside))
    throw refuse(
      'it is outside the workspace, where Nx can neither cache nor restore it',
      'give a path relative to the workspace root, e.g. "coverage/<project>"',
    );
  if (inside === '' || inside === '.')
    throw refuse(
      'the report would replace the whole workspace',
      'give a directory of its own, e.g. "coverage/<project>"',
    );
  const contains = (parent: string, child: string) =>
    child === parent || child.startsWith(`${parent}${sep}`);
  if (projectRoot !== '.' && contains(inside, normalize(projectRoot)))
    throw refuse(
      `the report would replace the project's own directory ${projectRoot}`,
      'give a directory outside the project, e.g. "coverage/<project>"',
    );
  const reserved = RESERVED.find((dir) => contains(dir, inside) || contains(inside, dir));
  if (reserved !== undefined)
    throw refuse(
      `it overlaps ${reserved}/, which the build steps and cargo write`,
      'give a directory of its own, e.g. "coverage/<project>"',
    );
  const absolute = join(workspaceRoot, inside);
  const entries = await readdir(absolute).catch(() => [] as string[]);
  const own = entries.filter((entry) => entry !== REPORT_STAMP_FILE);
  if (own.length === 0) return inside;
  const stamp = await readReportStamp(absolute);
  if (stamp === undefined)
    throw refuse(
      `the directory holds files minicov did not write (${own.slice(0, 3).join(', ')}${own.length > 3 ? ', ...' : ''}), which the report would replace`,
      'give a new or empty directory, or move those files away first',
    );
  if (stamp.task !== task)
    throw refuse(
      `it holds the report of ${stamp.task}, which this one would replace`,
      `give ${task} a directory of its own`,
    );
  return inside;
}

/** The stamp of the report in `dir`, or undefined when there is none (or it is not a stamp). */
export async function readReportStamp(dir: string): Promise<ReportStamp | undefined> {
  const text = await readFile(join(dir, REPORT_STAMP_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<ReportStamp>;
    return typeof parsed.task === 'string' && typeof parsed.profile === 'string'
      ? { task: parsed.task, profile: parsed.profile }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp's text for the report `task` writes from the profile at `profdata`. */
export async function reportStampText(task: string, profdata: string): Promise<string> {
  const stamp: ReportStamp = { task, profile: await fileDigest(profdata) };
  return `${JSON.stringify(stamp, null, 2)}\n`;
}
