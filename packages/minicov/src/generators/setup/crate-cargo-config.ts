// A crate's own Cargo configuration: the .cargo/config.toml files from its directory up to the workspace root,
// read from the Tree.
import { parseTomlText } from '../../model/toml-text';
import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';

/** One Cargo configuration file and what it holds. */
export interface CargoConfigFile {
  /** Workspace-relative path, e.g. `firmware/.cargo/config.toml`. */
  path: string;
  config: Record<string, unknown>;
}

/** A configured value and the file it came from. */
export interface Configured<T> {
  value: T;
  file: string;
}

/**
 * The directories whose .cargo/config files apply to `directory`:
 * itself, then each parent up to the workspace root ("").
 */
export function configDirectories(directory: string): string[] {
  const directories: string[] = [];
  let current = posix.normalize(directory).replace(/\/+$/, '');
  if (current === '.') current = '';
  for (;;) {
    directories.push(current);
    if (current === '') return directories;
    const parent = posix.dirname(current);
    current = parent === '.' ? '' : parent;
  }
}

/** The Cargo configuration files that apply to `directory`, nearest first (nearer wins per key, as in cargo). */
export function readCargoConfigFiles(tree: Tree, directory: string): CargoConfigFile[] {
  const files: CargoConfigFile[] = [];
  for (const dir of configDirectories(directory)) {
    // Cargo reads the legacy `config` when both exist.
    const path = ['config', 'config.toml']
      .map((name) => posix.join(dir, '.cargo', name))
      .find((candidate) => tree.isFile(candidate));
    if (!path) continue;
    files.push({ path, config: parseConfig(path, tree.read(path, 'utf-8') ?? '') });
  }
  return files;
}

function parseConfig(path: string, text: string): Record<string, unknown> {
  return parseTomlText(
    path,
    text,
    'fix the file, then run the generator again; nothing was written',
  );
}

/** The value at `keys` in the nearest file that sets it. */
export function nearest(
  files: readonly CargoConfigFile[],
  keys: readonly string[],
): Configured<unknown> | undefined {
  for (const file of files) {
    const value = keys.reduce<unknown>(
      (table, key) => (isTable(table) ? table[key] : undefined),
      file.config,
    );
    if (value !== undefined) return { value, file: file.path };
  }
  return undefined;
}

/**
 * `build.target`: a triple, or a one-element list of one;
 * anything else is returned as its TOML-ish text so messages can show it.
 */
export function configuredTarget(
  files: readonly CargoConfigFile[],
): Configured<string> | undefined {
  const found = nearest(files, ['build', 'target']);
  if (!found) return undefined;
  const { value } = found;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string')
    return { value: value[0], file: found.file };
  return { value: typeof value === 'string' ? value : JSON.stringify(value), file: found.file };
}

/** `target.<triple>.runner` as program and arguments (a string is split on whitespace, as cargo does). */
export function configuredRunner(
  files: readonly CargoConfigFile[],
  triple: string,
): Configured<string[]> | undefined {
  const found = nearest(files, ['target', triple, 'runner']);
  const words = found && commandWords(found.value);
  return found && words ? { value: words, file: found.file } : undefined;
}

/** The runners of `target.'cfg(...)'` tables: setup does not evaluate cfg expressions, but messages show them. */
export function cfgRunners(files: readonly CargoConfigFile[]): Configured<string[]>[] {
  return files.flatMap((file) => {
    const targets = isTable(file.config.target) ? file.config.target : {};
    return Object.entries(targets).flatMap(([key, table]) => {
      const words =
        key.startsWith('cfg(') && isTable(table) ? commandWords(table.runner) : undefined;
      return words ? [{ value: words, file: `${file.path} [target.'${key}']` }] : [];
    });
  });
}

/**
 * Every rustflag the files give `triple`:
 * build.rustflags, target.<triple>.rustflags and the target.'cfg(...)' tables, as words.
 */
export function configuredRustflags(
  files: readonly CargoConfigFile[],
  triple: string | undefined,
): string[] {
  return files.flatMap((file) => {
    const targets = isTable(file.config.target) ? file.config.target : {};
    const tables = Object.entries(targets).filter(
      ([key]) => key === triple || key.startsWith('cfg('),
    );
    const build = isTable(file.config.build) ? file.config.build.rustflags : undefined;
    return [
      build,
      ...tables.map(([, table]) => (isTable(table) ? table.rustflags : undefined)),
    ].flatMap((value) => commandWords(value) ?? []);
  });
}

/** `[source.crates-io] replace-with` of each file that sets it. */
export function sourceReplacements(files: readonly CargoConfigFile[]): Configured<string>[] {
  return files.flatMap((file) => {
    const source = isTable(file.config.source) ? file.config.source : {};
    const cratesIo = source['crates-io'];
    const replaceWith = isTable(cratesIo) ? cratesIo['replace-with'] : undefined;
    return typeof replaceWith === 'string' ? [{ value: replaceWith, file: file.path }] : [];
  });
}

/** A string split on whitespace, or a list of strings; undefined for anything else. */
function commandWords(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\s+/).filter((word) => word !== '');
  if (Array.isArray(value) && value.every((word) => typeof word === 'string'))
    return value as string[];
  return undefined;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
