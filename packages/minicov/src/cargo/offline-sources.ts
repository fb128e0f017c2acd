// Offline -Zbuild-std: core's own dependencies come from the toolchain's vendored library sources,
// beside the workspace's own.
import { moveUnlessPresent } from '../fs/move-unless-present';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cargoConfigFiles, cratesIoReplacement } from './cargo-config-files';

/** The source name minicov's builds give cargo for the merged directory. */
export const OFFLINE_SOURCE = 'minicov-offline-sources';

/** The vendored library sources of a sysroot with rust-src (Debian ships them), if present. */
export function libraryVendorDirectory(sysroot: string): string | undefined {
  const directory = join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library', 'vendor');
  return existsSync(directory) ? directory : undefined;
}

/** Whether the workspace's Cargo.lock takes any package from a registry. */
export function lockUsesRegistry(cargoWorkspaceRoot: string): boolean {
  const lock = join(cargoWorkspaceRoot, 'Cargo.lock');
  return existsSync(lock) && /^source = "(sparse\+|registry\+)/m.test(readFileSync(lock, 'utf8'));
}

/**
 * The `--config` arguments that let a build of core resolve offline, without hiding any crate the workspace uses:
 * - crates.io replaced by a `directory` source (`cargo vendor`): one directory holding both,
 *   linked in `mergedDirectory`;
 * - crates.io not replaced and no registry package in Cargo.lock: the library sources alone;
 * - otherwise (the workspace reads crates.io or another kind of source): nothing,
 *   cargo fetches core's dependencies as usual.
 */
export async function offlineSourceArgs(input: {
  sysroot: string;
  cwd: string;
  cargoWorkspaceRoot: string;
  mergedDirectory: string;
}): Promise<string[]> {
  const library = libraryVendorDirectory(input.sysroot);
  if (!library) return [];
  const replacement = cratesIoReplacement(cargoConfigFiles(input.cwd));
  if (replacement && !replacement.directory) return [];
  if (!replacement && lockUsesRegistry(input.cargoWorkspaceRoot)) return [];
  const directories = replacement?.directory ? [replacement.directory, library] : [library];
  await linkDirectories(directories, input.mergedDirectory);
  return [
    '--config',
    `source.crates-io.replace-with=${JSON.stringify(OFFLINE_SOURCE)}`,
    '--config',
    `source.${OFFLINE_SOURCE}.directory=${JSON.stringify(input.mergedDirectory)}`,
  ];
}

/** Every package directory of `directories` by name (the first directory wins a name both have). */
async function wantedLinks(directories: readonly string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const directory of directories) {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (links.has(entry.name) || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
      links.set(entry.name, join(directory, entry.name));
    }
  }
  return links;
}

/** The links `merged` holds now, by name (empty when it does not exist). */
async function presentLinks(merged: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const entry of await readdir(merged, { withFileTypes: true }).catch(() => [])) {
    if (entry.isSymbolicLink()) links.set(entry.name, await readlink(join(merged, entry.name)));
    else links.set(entry.name, '');
  }
  return links;
}

/**
 * Links every package directory of `directories` into `merged`. A directory that already holds exactly those links is
 * left as it is, so a build reading it is never disturbed; otherwise the new one is made beside it and swapped in.
 */
async function linkDirectories(directories: readonly string[], merged: string): Promise<void> {
  const wanted = await wantedLinks(directories);
  const present = await presentLinks(merged);
  if (
    present.size === wanted.size &&
    [...wanted].every(([name, target]) => present.get(name) === target)
  )
    return;
  const staging = `${merged}.${process.pid}-${randomBytes(6).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  for (const [name, target] of wanted) await symlink(target, join(staging, name));
  await rm(merged, { recursive: true, force: true });
  // Another build may make it in the meantime; its links are the same.
  await moveUnlessPresent(staging, merged);
}
