// Offline -Zbuild-std for a crate whose registry crates come from a `cargo vendor` directory: cargo reads one directory
// source, so core's dependencies (the toolchain's vendored library sources) are linked in beside the crate's own, as
// the plugin's builds do (packages/minicov/src/cargo/offline-sources.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The source name the lint builds give cargo for the merged directory. */
const SOURCE = 'minicov-lint-sources';

/** The library sources Debian's rust-web-src vendors, for a sysroot. */
export function libraryVendorDirectory(sysroot) {
  return join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library', 'vendor');
}

/**
 * Links every package directory of `directories` (the first one wins a name both have) into `merged`, and returns
 * the cargo `--config` arguments that make it replace crates.io. A directory already holding exactly those links is
 * left alone; otherwise a new one is made beside it and renamed over it.
 */
export async function offlineSourceArgs(directories, merged) {
  const wanted = new Map();
  for (const directory of directories) {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (!wanted.has(entry.name) && (entry.isDirectory() || entry.isSymbolicLink()))
        wanted.set(entry.name, join(directory, entry.name));
    }
  }
  const present = new Map();
  for (const entry of await readdir(merged, { withFileTypes: true }).catch(() => [])) {
    present.set(entry.name, entry.isSymbolicLink() ? await readlink(join(merged, entry.name)) : '');
  }
  const same =
    present.size === wanted.size && [...wanted].every(([name, to]) => present.get(name) === to);
  if (!same) {
    const staging = `${merged}.${process.pid}-${randomBytes(6).toString('hex')}`;
    await mkdir(staging, { recursive: true });
    for (const [name, to] of wanted) await symlink(to, join(staging, name));
    await rm(merged, { recursive: true, force: true });
    await rename(staging, merged).catch(async (error) => {
      // Another lint run made it in the meantime, with the same links.
      await rm(staging, { recursive: true, force: true });
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  }
  return [
    '--config',
    `source.crates-io.replace-with=${JSON.stringify(SOURCE)}`,
    '--config',
    `source.${SOURCE}.directory=${JSON.stringify(merged)}`,
  ];
}
