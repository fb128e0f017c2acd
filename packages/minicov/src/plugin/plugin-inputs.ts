// The plugin itself as an input of every step: a new minicov re-runs the steps, and no other npm package does.
import { isAbsolute, join, relative, sep } from 'node:path';
import { GraphFiles } from '../fs/graph-files';
import { PLUGIN_ROOT } from '../fs/plugin-package';
import type { Input } from './target-inputs';

/** The package name users install the plugin as. */
const PLUGIN_PACKAGE = 'minicov';

/** Whether the plugin is developed inside the workspace (its sources there, not an installed package). */
export function pluginInWorkspace(workspaceRoot: string, pluginRoot = PLUGIN_ROOT): boolean {
  const inside = relative(workspaceRoot, pluginRoot);
  return (
    inside !== '' &&
    !inside.startsWith('..') &&
    !isAbsolute(inside) &&
    !inside.split(sep).includes('node_modules')
  );
}

/** Lockfiles Nx reads external packages from. */
const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'];

/**
 * How the steps hash the plugin: its sources and its npm dependencies when the plugin is developed inside the
 * workspace; its version when the workspace's package.json and lockfile have it; otherwise every external dependency
 * (Nx's default, which also covers a plugin installed some other way). Nx fails a task whose `externalDependencies`
 * names a package missing from the lockfile, so a package is named only when the lockfile has it.
 */
export function pluginInputs(
  workspaceRoot: string,
  pluginRoot = PLUGIN_ROOT,
  files: GraphFiles = new GraphFiles(),
): Input[] {
  const lockfile = lockfileText(workspaceRoot, files);
  const locked = (name: string) => lockfileHas(lockfile, name);
  if (pluginInWorkspace(workspaceRoot, pluginRoot)) {
    const inside = relative(workspaceRoot, pluginRoot);
    const dependencies = Object.keys(packageField(files, pluginRoot, 'dependencies'));
    return [
      `{workspaceRoot}/${inside}/**/*`,
      `!{workspaceRoot}/${inside}/**/*.spec.ts`,
      `!{workspaceRoot}/${inside}/**/*.md`,
      ...(dependencies.every(locked) ? [{ externalDependencies: dependencies }] : []),
    ];
  }
  const declared = ['dependencies', 'devDependencies'].some(
    (field) => PLUGIN_PACKAGE in packageField(files, workspaceRoot, field),
  );
  return declared && locked(PLUGIN_PACKAGE) ? [{ externalDependencies: [PLUGIN_PACKAGE] }] : [];
}

/** A table of the package.json in `directory` (`{}` when it or the file is missing). */
function packageField(
  files: GraphFiles,
  directory: string,
  field: string,
): Record<string, unknown> {
  try {
    const manifest = JSON.parse(files.text(join(directory, 'package.json')) ?? '{}') as Record<
      string,
      unknown
    >;
    const table = manifest[field];
    return typeof table === 'object' && table !== null ? (table as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The workspace's lockfiles, concatenated ('' without one). */
function lockfileText(workspaceRoot: string, files: GraphFiles): string {
  return LOCKFILES.map((file) => files.text(join(workspaceRoot, file)) ?? '').join('\n');
}

/** Whether `lockfile` holds package `name` (npm's `node_modules/<name>"`, pnpm's, yarn's and bun's `<name>@`). */
function lockfileHas(lockfile: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`node_modules/${escaped}"|(^|[\\s"'/])${escaped}@`, 'm').test(lockfile);
}
