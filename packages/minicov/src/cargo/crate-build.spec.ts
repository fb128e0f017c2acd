import { describe, expect, it } from 'vitest';
import { parseCargoMetadata } from './cargo-metadata';
import { checkBinary, hostTestsBuild, type ResolvedCrateBuild } from './crate-build';
import { ManifestError } from '../model/manifest-error';

const project = {
  projectName: 'fw',
  projectRoot: 'examples/fw',
  toolchain: { rustc: { details: { host: 'x86_64-unknown-linux-gnu' } } },
};

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
  sysrootWrapper: '/w/bin/minicov-sysroot-wrapper.sh',
  wrapper: '/w/wrapper.sh',
  rustc: '/usr/bin/rustc',
  clang: '/usr/bin/clang-22',
};

describe('hostTestsBuild', () => {
  it("builds the same crates' unit tests for the host: no build-std, the std harness", () => {
    expect(hostTestsBuild({ ...firmware, linkFragment: true }, project)).toEqual({
      ...firmware,
      target: 'x86_64-unknown-linux-gnu',
      buildStd: undefined,
      tests: true,
      linkFragment: false,
      correlate: false,
      gdbRunner: false,
    });
  });

  it('rejects a package that cargo says has no library, naming the manifest and the setting', () => {
    expect(() => hostTestsBuild({ ...firmware, hasLibrary: false }, project)).toThrow(
      ManifestError,
    );
    expect(() => hostTestsBuild({ ...firmware, hasLibrary: false }, project)).toThrow(
      'examples/fw/Cargo.toml: package.metadata.minicov.host-tests is set, but cargo lists no library target for fw',
    );
  });
});

describe('parseCargoMetadata targets', () => {
  const metadata = (targets: unknown) =>
    parseCargoMetadata(
      JSON.stringify({
        version: 1,
        workspace_root: '/w',
        packages: [{ name: 'fw', manifest_path: '/w/fw/Cargo.toml', dependencies: [], targets }],
      }),
    );

  it('tells whether a package has a library target', () => {
    expect(metadata([{ kind: ['bin'], name: 'fw' }]).packages[0]?.hasLibrary).toBe(false);
    expect(
      metadata([
        { kind: ['lib'], name: 'fw' },
        { kind: ['bin'], name: 'fw' },
      ]).packages[0]?.hasLibrary,
    ).toBe(true);
    expect(metadata([{ kind: ['rlib', 'cdylib'], name: 'fw' }]).packages[0]?.hasLibrary).toBe(true);
    expect(metadata(undefined).packages[0]?.hasLibrary).toBeUndefined();
  });
});

describe('checkBinary', () => {
  const crate = { projectRoot: 'examples/fw', projectName: 'fw', runner: 'qemu', bin: 'fw' };

  it('accepts a binary of the package, and any package when the runs are the unit tests', () => {
    expect(() => checkBinary(crate, ['fw', 'tool'])).not.toThrow();
    expect(() => checkBinary({ ...crate, runner: 'test' }, [])).not.toThrow();
  });

  it('names the binaries the package has and the setting to change, when bin is not one of them', () => {
    expect(() => checkBinary(crate, ['fw-app', 'selftest'])).toThrow(
      'examples/fw/Cargo.toml: binary "fw" (package.metadata.minicov.bin, which defaults to the package name) is not a binary of fw; its binaries: fw-app, selftest',
    );
    expect(() => checkBinary(crate, ['fw-app'])).toThrow(
      'fix: set `bin = "fw-app"` (or another of its binaries) in [package.metadata.minicov]',
    );
    expect(() => checkBinary(crate, [])).toThrow('fw has no binary target');
  });

  it('reads the binary targets cargo lists', () => {
    const workspace = parseCargoMetadata(
      JSON.stringify({
        version: 1,
        workspace_root: '/w',
        packages: [
          {
            name: 'fw',
            manifest_path: '/w/fw/Cargo.toml',
            dependencies: [],
            targets: [
              { kind: ['lib'], name: 'fw' },
              { kind: ['bin'], name: 'fw-app' },
              { kind: ['custom-build'], name: 'build-script-build' },
            ],
          },
        ],
      }),
    );
    expect(workspace.packages[0]?.binNames).toEqual(['fw-app']);
  });
});
