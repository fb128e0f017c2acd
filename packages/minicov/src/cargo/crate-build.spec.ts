import { describe, expect, it } from 'vitest';
import type { StepContext } from '../context';
import { parseCargoMetadata } from './cargo-metadata';
import { hostTestsBuild, type ResolvedCrateBuild } from './crate-build';
import { ManifestError } from './minicov-metadata';

const step = { projectName: 'fw', projectRoot: 'examples/fw', toolchain: { rustc: { details: { host: 'x86_64-unknown-linux-gnu' } } } } as unknown as StepContext;

const firmware: ResolvedCrateBuild = {
  cargoWorkspaceRoot: '/w',
  cargoCwd: '/w/examples/fw',
  sysroot: '/usr',
  hasLibrary: true,
  packageName: 'fw',
  bin: 'fw',
  target: 'thumbv7m-none-eabi',
  buildStd: 'core',
  instrumented: ['fw', 'codec'],
  wrapper: '/w/wrapper.sh',
  rustc: '/usr/bin/rustc',
  clang: '/usr/bin/clang-22',
};

describe('hostTestsBuild', () => {
  it("builds the same crates' unit tests for the host: no build-std, the std harness", () => {
    expect(hostTestsBuild({ ...firmware, linkFragment: true }, step)).toEqual({ ...firmware, target: 'x86_64-unknown-linux-gnu', buildStd: undefined, tests: true, linkFragment: false });
  });

  it('rejects a package that cargo says has no library, naming the manifest and the setting', () => {
    expect(() => hostTestsBuild({ ...firmware, hasLibrary: false }, step)).toThrow(ManifestError);
    expect(() => hostTestsBuild({ ...firmware, hasLibrary: false }, step)).toThrow(
      'examples/fw/Cargo.toml: package.metadata.minicov.host-tests is set, but cargo lists no library target for fw',
    );
  });
});

describe('parseCargoMetadata targets', () => {
  const metadata = (targets: unknown) =>
    parseCargoMetadata(JSON.stringify({ version: 1, workspace_root: '/w', packages: [{ name: 'fw', manifest_path: '/w/fw/Cargo.toml', dependencies: [], targets }] }));

  it('tells whether a package has a library target', () => {
    expect(metadata([{ kind: ['bin'], name: 'fw' }]).packages[0]?.hasLibrary).toBe(false);
    expect(metadata([{ kind: ['lib'], name: 'fw' }, { kind: ['bin'], name: 'fw' }]).packages[0]?.hasLibrary).toBe(true);
    expect(metadata([{ kind: ['rlib', 'cdylib'], name: 'fw' }]).packages[0]?.hasLibrary).toBe(true);
    expect(metadata(undefined).packages[0]?.hasLibrary).toBeUndefined();
  });
});
