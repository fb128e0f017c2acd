import { describe, expect, it } from 'vitest';
import { parseCargoMetadata } from './cargo-metadata';
import { instrumentedCrates, runtimeCrateDirectory } from './workspace-crates';

const workspace = parseCargoMetadata(
  JSON.stringify({
    version: 1,
    workspace_root: '/ws',
    packages: [
      {
        name: 'fw',
        manifest_path: '/ws/fw/Cargo.toml',
        dependencies: [
          { name: 'codec', path: '/ws/libs/codec', kind: null },
          { name: 'minicov', path: '/ws/runtime/minicov', kind: null },
          { name: 'test-helper', path: '/ws/libs/helper', kind: 'dev' },
          { name: 'gen', path: '/ws/libs/gen', kind: 'build' },
        ],
      },
      {
        name: 'codec',
        manifest_path: '/ws/libs/codec/Cargo.toml',
        dependencies: [{ name: 'ring', path: '/ws/libs/ring', kind: null }],
      },
      { name: 'ring', manifest_path: '/ws/libs/ring/Cargo.toml', dependencies: [] },
      { name: 'test-helper', manifest_path: '/ws/libs/helper/Cargo.toml', dependencies: [] },
      { name: 'gen', manifest_path: '/ws/libs/gen/Cargo.toml', dependencies: [] },
      {
        name: 'minicov',
        manifest_path: '/ws/runtime/minicov/Cargo.toml',
        links: 'minicov',
        dependencies: [],
      },
    ],
  }),
);

describe('instrumentedCrates', () => {
  it('instruments the package and its normal path dependencies, transitively, never the runtime', () => {
    expect(instrumentedCrates(workspace, 'fw')).toEqual(['fw', 'codec', 'ring']);
  });

  it('leaves out dev and build dependencies, which are not part of the binary', () => {
    expect(instrumentedCrates(workspace, 'fw')).not.toContain('test-helper');
    expect(instrumentedCrates(workspace, 'fw')).not.toContain('gen');
  });

  it('finds the runtime crate by its links key', () => {
    expect(runtimeCrateDirectory(workspace)).toBe('/ws/runtime/minicov');
  });
});
