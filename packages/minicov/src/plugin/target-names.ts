// The names of the inferred targets and of the root project, from the plugin's options, checked before any use.
import { join } from 'node:path';
import { GraphFiles } from '../fs/graph-files';
import { MinicovError } from '../errors';
import { CHAIN_TARGET_ORDER, chainStepTarget, type ChainStep } from '../model/chain-targets';
import type { Chain } from '../model/output-layout';
import type { MinicovPluginOptions } from './plugin-options';

/** Every name the plugin gives: a crate's targets and the root project with its report target. */
export interface TargetNames {
  toolchain: string;
  coverage: string;
  pgo: string;
  /** Undefined: the root package.json's name, else `workspace` (see rootProjectName). */
  workspaceProject?: string;
  workspaceReport: string;
  clean: string;
}

/** The options that name targets, with their defaults. */
const NAME_OPTIONS = {
  toolchainTargetName: ['toolchain', 'toolchain'],
  coverageTargetName: ['coverage', 'coverage'],
  pgoTargetName: ['pgo', 'pgo'],
  workspaceReportTargetName: ['workspaceReport', 'coverage-report'],
  cleanTargetName: ['clean', 'minicov-clean'],
} as const;

/** The plugin options that name targets. */
export const TARGET_NAME_OPTIONS = Object.keys(NAME_OPTIONS);

/** What Nx and a shell take as a target or project name without quoting. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A bad name option in nx.json. */
export class TargetNameError extends MinicovError {}

/** The names the options set (defaults for the rest); throws TargetNameError for a malformed or repeated name. */
export function targetNamesOf(options: MinicovPluginOptions | undefined): TargetNames {
  const names: Record<string, string> = {};
  for (const [option, [key, fallback]] of Object.entries(NAME_OPTIONS)) {
    names[key] = checkedName(
      option,
      (options as Record<string, unknown> | undefined)?.[option],
      fallback,
    );
  }
  const workspaceProject =
    options?.workspaceProjectName === undefined
      ? undefined
      : checkedName('workspaceProjectName', options.workspaceProjectName, 'workspace');
  const result = { ...(names as Omit<TargetNames, 'workspaceProject'>), workspaceProject };
  const crateTargets = crateTargetNames(result);
  const repeated = crateTargets.find((name, index) => crateTargets.indexOf(name) !== index);
  if (repeated !== undefined) {
    throw new TargetNameError(
      `nx.json: the minicov plugin's options give two of its targets the name "${repeated}" (targets: ${crateTargets.join(', ')})`,
      'give coverageTargetName, pgoTargetName, toolchainTargetName and cleanTargetName names whose steps (<name>-build, -run, -merge, -open) differ',
    );
  }
  return result;
}

/** The name of `chain`'s final target, or of one of its steps. */
export function chainTargetName(names: TargetNames, chain: Chain, step?: ChainStep): string {
  return chainStepTarget(chain === 'coverage' ? names.coverage : names.pgo, step);
}

/** The target that opens the HTML page of the report target `reportTarget`. */
export function openTargetName(reportTarget: string): string {
  return `${reportTarget}-open`;
}

/** Every target name a crate gets, in the order they are inferred. */
export function crateTargetNames(names: TargetNames): string[] {
  return [
    names.toolchain,
    ...CHAIN_TARGET_ORDER.map((step) => chainTargetName(names, 'coverage', step)),
    openTargetName(names.coverage),
    ...CHAIN_TARGET_ORDER.map((step) => chainTargetName(names, 'pgo', step)),
    names.clean,
  ];
}

/** The root project's name: the option, else the root package.json's name (so the projects merge), else `workspace`. */
export function rootProjectName(
  names: TargetNames,
  workspaceRoot: string,
  files: GraphFiles = new GraphFiles(),
): string {
  if (names.workspaceProject !== undefined) return names.workspaceProject;
  const name = readJson(files, join(workspaceRoot, 'package.json'))?.name;
  return typeof name === 'string' && name.length > 0 ? name : 'workspace';
}

/**
 * Throws when the project at `projectRoot` already has a target of one of `names` that runs something else: a
 * package.json script, or a project.json target with another executor or a command. A project.json entry that only
 * sets options (or uses minicov's executor) adjusts the inferred target, as Nx intends, and is fine.
 */
export function checkNoTargetClash(
  workspaceRoot: string,
  projectRoot: string,
  names: readonly string[],
  files: GraphFiles = new GraphFiles(),
): void {
  const clash = (file: string, name: string, what: string) =>
    new TargetNameError(
      `${join(projectRoot, file)}: ${what} "${name}", a target minicov infers for this crate`,
      `rename it there, or give minicov's target another name with the plugin's options in nx.json (e.g. "coverageTargetName": "minicov-coverage"; options: coverageTargetName, pgoTargetName, toolchainTargetName)`,
    );
  const scripts = readJson(files, join(workspaceRoot, projectRoot, 'package.json'))?.scripts;
  for (const name of names) {
    if (isObject(scripts) && name in scripts)
      throw clash('package.json', name, 'has a script named');
  }
  const targets = readJson(files, join(workspaceRoot, projectRoot, 'project.json'))?.targets;
  for (const name of names) {
    const target = isObject(targets) ? targets[name] : undefined;
    if (!isObject(target)) continue;
    const executor = target.executor;
    const runsOther =
      (typeof executor === 'string' && !executor.startsWith('minicov:')) || 'command' in target;
    if (runsOther) throw clash('project.json', name, 'has a target named');
  }
}

function checkedName(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw new TargetNameError(
      `nx.json: the minicov plugin's option ${option} is ${JSON.stringify(value)}, not a target name`,
      `set ${option} to letters, digits, "-", "_" or ".", starting with a letter or digit (e.g. "minicov-${fallback}"), or remove it for "${fallback}"`,
    );
  }
  return value;
}

function readJson(files: GraphFiles, path: string): Record<string, unknown> | undefined {
  const text = files.text(path);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined; // Nx reports a broken project.json or package.json itself.
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
