import {
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFLINE_SOURCE, offlineSourceArgs } from './offline-sources';

let dir: string;
let sysroot: string;
let crate: string;

/** A sysroot whose rust-src vendors `cfg-if` and `libc`, and a standalone crate. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-offline-'));
  sysroot = join(dir, 'sysroot');
  for (const name of ['cfg-if-1.0.4', 'libc-0.2.170'])
    mkdirSync(join(sysroot, 'lib/rustlib/src/rust/library/vendor', name), { recursive: true });
  crate = join(dir, 'crate');
  mkdirSync(join(crate, '.cargo'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const merged = () => join(dir, 'target', 'offline-sources');
const args = () =>
  offlineSourceArgs({ sysroot, cwd: crate, cargoWorkspaceRoot: crate, mergedDirectory: merged() });

describe('offlineSourceArgs', () => {
  it('gives cargo the library sources alone when the workspace uses no registry crate', async () => {
    expect(await args()).toEqual([
      '--config',
      `source.crates-io.replace-with="${OFFLINE_SOURCE}"`,
      '--config',
      `source.${OFFLINE_SOURCE}.directory=${JSON.stringify(merged())}`,
    ]);
    expect(readdirSync(merged()).sort()).toEqual(['cfg-if-1.0.4', 'libc-0.2.170']);
  });

  it("merges the workspace's own vendored directory with the library sources, the workspace's copy first", async () => {
    writeFileSync(
      join(crate, '.cargo/config.toml'),
      '[source.crates-io]\nreplace-with = "vendored"\n[source.vendored]\ndirectory = "vendor"\n',
    );
    for (const name of ['board-rt', 'cfg-if-1.0.4'])
      mkdirSync(join(crate, 'vendor', name), { recursive: true });
    await args();
    expect(readdirSync(merged()).sort()).toEqual(['board-rt', 'cfg-if-1.0.4', 'libc-0.2.170']);
    expect(readlinkSync(join(merged(), 'cfg-if-1.0.4'))).toBe(
      join(crate, 'vendor', 'cfg-if-1.0.4'),
    );
  });

  it('leaves crates.io alone when the workspace takes registry crates from it', async () => {
    writeFileSync(
      join(crate, 'Cargo.lock'),
      '[[package]]\nname = "serde"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    );
    expect(await args()).toEqual([]);
  });

  it('keeps a merged directory that already holds the same links, so a build reading it is not disturbed', async () => {
    await args();
    const before = statSync(merged()).ino;
    await args();
    expect(statSync(merged()).ino).toBe(before);
    mkdirSync(join(sysroot, 'lib/rustlib/src/rust/library/vendor', 'memchr-2.7.4'));
    await args();
    expect(readdirSync(merged())).toContain('memchr-2.7.4');
  });
});
