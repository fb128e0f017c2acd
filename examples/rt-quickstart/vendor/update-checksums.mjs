// Recomputes .cargo-checksum.json's file hashes of each vendored crate after an edit; the package checksum, which Cargo.lock records, stays.
// Usage: node vendor/update-checksums.mjs [crate directory ...]   (default: every crate in vendor/)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const CHECKSUM_FILE = '.cargo-checksum.json';
const vendorDir = import.meta.dirname;

/** Every file under `dir`, as paths relative to `root` with `/` separators, sorted. */
function filesUnder(root, dir = root) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(root, path));
    else if (entry.isFile() && path !== join(root, CHECKSUM_FILE)) files.push(relative(root, path).split(sep).join('/'));
  }
  return files.sort();
}

/** Rewrites `crateDir`'s checksum file with the sha256 of each of its files. */
function updateCrate(crateDir) {
  const checksumPath = join(crateDir, CHECKSUM_FILE);
  const { package: packageChecksum } = JSON.parse(readFileSync(checksumPath, 'utf8'));
  const files = {};
  for (const file of filesUnder(crateDir)) {
    files[file] = createHash('sha256').update(readFileSync(join(crateDir, file))).digest('hex');
  }
  writeFileSync(checksumPath, JSON.stringify({ files, package: packageChecksum }));
  console.log(`${relative(process.cwd(), checksumPath)}: ${Object.keys(files).length} files`);
}

const crates = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(vendorDir)
      .map((name) => join(vendorDir, name))
      .filter((dir) => statSync(dir).isDirectory() && existsSync(join(dir, CHECKSUM_FILE)));
for (const crateDir of crates) updateCrate(crateDir);
