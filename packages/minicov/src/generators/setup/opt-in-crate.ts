// Opts an existing crate in: the runtime dependency and [package.metadata.minicov], plus what to add by hand.
import { join, relative } from 'node:path';
import { type Tree } from '@nx/devkit';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../../errors';

type CrateManifest = { package: { name: string; metadata?: { minicov?: unknown } }; dependencies?: Record<string, unknown> };

/** Reads and checks `crateDir`/Cargo.toml before anything is written; throws naming the file and the fix. */
export function readCrateToOptIn(tree: Tree, crateDir: string): { manifestPath: string; text: string; manifest: CrateManifest } {
  const manifestPath = join(crateDir, 'Cargo.toml');
  const text = tree.read(manifestPath, 'utf-8');
  if (text === null) {
    throw new MinicovError(`--project ${crateDir}: there is no ${manifestPath}`, 'pass the directory of a Cargo crate, relative to the workspace root; nothing was written');
  }
  let manifest: Partial<CrateManifest>;
  try {
    manifest = parseToml(text) as Partial<CrateManifest>;
  } catch (error) {
    throw new MinicovError(`${manifestPath}: not valid TOML (${(error as Error).message.split('\n')[0]})`, 'fix the manifest; nothing was written');
  }
  if (!manifest.package?.name) {
    throw new MinicovError(`${manifestPath} has no [package]`, 'pass the directory of a package crate, not of a workspace manifest; nothing was written');
  }
  return { manifestPath, text, manifest: manifest as CrateManifest };
}

/** Adds the runtime dependency and the metadata table to `crateDir`/Cargo.toml; returns what the user must still do. */
export function optInCrate(tree: Tree, crateDir: string, runtimeCrateDir: string): string[] {
  const { manifestPath, text, manifest } = readCrateToOptIn(tree, crateDir);
  let updated = text.endsWith('\n') ? text : `${text}\n`;
  if (!manifest.dependencies?.minicov) {
    const dependency = `minicov = { path = ${JSON.stringify(relative(crateDir, runtimeCrateDir))}, default-features = false }`;
    updated = /^\[dependencies\]\s*$/m.test(updated)
      ? updated.replace(/^\[dependencies\]\s*$/m, `[dependencies]\n${dependency}`)
      : `${updated}\n[dependencies]\n${dependency}\n`;
  }
  if (!manifest.package.metadata?.minicov) {
    updated += '\n# minicov: `nx run <crate>:coverage` and `nx run <crate>:pgo` (see the minicov docs for target, runner, machine).\n[package.metadata.minicov]\nrunner = "host"\n';
  }
  if (updated !== text) tree.write(manifestPath, updated);
  const source = tree.read(join(crateDir, 'src', 'main.rs'), 'utf-8') ?? '';
  if (source.includes('capture_coverage')) return [];
  return [
    `${manifest.package.name}: call minicov::capture_coverage once the work is done and write the bytes out:`,
    '  on the host, to the file named by the {profile} argument (see package.metadata.minicov.runs);',
    '  on Cortex-M in QEMU, with minicov::semihosting::SemihostingFile::create(c"<name>.profraw") before exiting.',
  ];
}
