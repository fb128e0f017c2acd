import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { describe, expect, it } from 'vitest';
import {
  cfgRunners,
  configDirectories,
  configuredRunner,
  configuredRustflags,
  configuredTarget,
  readCargoConfigFiles,
  sourceReplacements,
  type CargoConfigFile,
} from './crate-cargo-config';

const file = (path: string, config: Record<string, unknown>): CargoConfigFile => ({ path, config });

describe('configDirectories', () => {
  it('goes from the crate up to the workspace root', () =>
    expect(configDirectories('firmware/app/')).toEqual(['firmware/app', 'firmware', '']));
  it('is only the root for the root crate', () => expect(configDirectories('.')).toEqual(['']));
});

describe('readCargoConfigFiles', () => {
  it('reads config.toml or the legacy config, nearest first, preferring config when both exist', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('fw/app/.cargo/config.toml', '[build]\ntarget = "thumbv7m-none-eabi"\n');
    tree.write('fw/.cargo/config', '[build]\ntarget = "x"\n');
    tree.write('.cargo/config.toml', 'a = 1\n');
    tree.write('.cargo/config', 'b = 2\n');
    expect(readCargoConfigFiles(tree, 'fw/app').map((found) => found.path)).toEqual([
      'fw/app/.cargo/config.toml',
      'fw/.cargo/config',
      '.cargo/config',
    ]);
  });
  it('names a file that is not TOML', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('fw/.cargo/config.toml', '[build\n');
    expect(() => readCargoConfigFiles(tree, 'fw')).toThrow(
      'fw/.cargo/config.toml:1:7: not valid TOML (illegal character in key)',
    );
  });
});

describe('configured values', () => {
  const near = file('a/.cargo/config.toml', {
    target: {
      'thumbv7m-none-eabi': {
        runner: ['qemu-system-arm', '-M', 'lm3s6965evb'],
        rustflags: '-C link-arg=-Tlink.x',
      },
    },
  });
  const far = file('.cargo/config.toml', {
    build: { target: ['thumbv7m-none-eabi'], rustflags: ['-Cdebuginfo=2'] },
    target: {
      'thumbv7m-none-eabi': { runner: 'probe-rs run' },
      'cfg(target_os = "none")': {
        runner: 'qemu-system-arm -M mps2-an385',
        rustflags: ['-Cforce-frame-pointers'],
      },
    },
    source: { 'crates-io': { 'replace-with': 'vendored-sources' } },
  });
  it('takes build.target from the nearest file that sets it, unwrapping a one-element list', () =>
    expect(configuredTarget([near, far])).toEqual({
      value: 'thumbv7m-none-eabi',
      file: '.cargo/config.toml',
    }));
  it('shows a list of several targets as written', () =>
    expect(configuredTarget([file('c', { build: { target: ['a', 'b'] } })])?.value).toBe(
      '["a","b"]',
    ));
  it('lets the nearer runner win', () =>
    expect(configuredRunner([near, far], 'thumbv7m-none-eabi')).toEqual({
      value: ['qemu-system-arm', '-M', 'lm3s6965evb'],
      file: 'a/.cargo/config.toml',
    }));
  it('splits a runner string on whitespace', () =>
    expect(configuredRunner([far], 'thumbv7m-none-eabi')?.value).toEqual(['probe-rs', 'run']));
  it('lists cfg() runners apart', () =>
    expect(cfgRunners([near, far])).toEqual([
      {
        value: ['qemu-system-arm', '-M', 'mps2-an385'],
        file: '.cargo/config.toml [target.\'cfg(target_os = "none")\']',
      },
    ]));
  it('gathers every rustflag for the triple', () =>
    expect(configuredRustflags([near, far], 'thumbv7m-none-eabi')).toEqual([
      '-C',
      'link-arg=-Tlink.x',
      '-Cdebuginfo=2',
      '-Cforce-frame-pointers',
    ]));
  it('finds crates.io replacements', () =>
    expect(sourceReplacements([near, far])).toEqual([
      { value: 'vendored-sources', file: '.cargo/config.toml' },
    ]));
});
