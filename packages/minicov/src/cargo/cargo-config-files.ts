// The cargo configuration files cargo reads for a directory, nearest first, and the crates-io replacement they set.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../errors';

/** One parsed configuration file and the directory its relative paths are relative to (the parent of `.cargo`). */
export interface CargoConfigFile {
  path: string;
  base: string;
  config: Record<string, unknown>;
}

/**
 * The config files cargo reads when it runs in `cwd`: `.cargo/config.toml` (or `config`) in it and each parent,
 * then CARGO_HOME's.
 */
export function cargoConfigFiles(
  cwd: string,
  cargoHome = process.env.CARGO_HOME || join(homedir(), '.cargo'),
): CargoConfigFile[] {
  const files: CargoConfigFile[] = [];
  const seen = new Set<string>();
  const add = (directory: string) => {
    for (const name of ['config.toml', 'config']) {
      const path = join(directory, name);
      if (seen.has(path) || !existsSync(path)) continue;
      seen.add(path);
      files.push({ path, base: dirname(directory), config: parseConfig(path) });
      return;
    }
  };
  for (let directory = resolve(cwd); ; directory = dirname(directory)) {
    add(join(directory, '.cargo'));
    if (dirname(directory) === directory) break;
  }
  add(cargoHome);
  return files;
}

/** Where crates.io is replaced: the source name and, for a `directory` source, its absolute path. */
export interface CratesIoReplacement {
  source: string;
  directory?: string;
  /** The file that names the replacement. */
  definedIn: string;
}

/** The crates-io replacement the nearest file sets, if any, with the directory of the source it names. */
export function cratesIoReplacement(
  files: readonly CargoConfigFile[],
): CratesIoReplacement | undefined {
  const naming = files.find(
    (file) => typeof sourceTable(file, 'crates-io')?.['replace-with'] === 'string',
  );
  if (!naming) return undefined;
  const source = sourceTable(naming, 'crates-io')?.['replace-with'] as string;
  const defining = files.find((file) => typeof sourceTable(file, source)?.directory === 'string');
  const directory = defining && (sourceTable(defining, source)?.directory as string);
  return {
    source,
    directory:
      defining && directory
        ? isAbsolute(directory)
          ? directory
          : join(defining.base, directory)
        : undefined,
    definedIn: naming.path,
  };
}

function sourceTable(file: CargoConfigFile, name: string): Record<string, unknown> | undefined {
  const sources = file.config.source;
  if (typeof sources !== 'object' || sources === null) return undefined;
  const table = (sources as Record<string, unknown>)[name];
  return typeof table === 'object' && table !== null
    ? (table as Record<string, unknown>)
    : undefined;
}

function parseConfig(path: string): Record<string, unknown> {
  try {
    return parseToml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new MinicovError(
      `${path}: not valid TOML (${(error as Error).message.split('\n')[0]})`,
      'fix the cargo configuration file; cargo would refuse it too',
    );
  }
}
