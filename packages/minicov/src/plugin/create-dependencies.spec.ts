import { describe, expect, it } from 'vitest';
import { parseCargoMetadata } from '../cargo/cargo-metadata';
import { cargoDependencyEdges } from './create-dependencies';

const metadata = JSON.stringify({
  version: 1,
  workspace_root: '/ws',
  packages: [
    { name: 'fw', manifest_path: '/ws/fw/Cargo.toml', dependencies: [
      { name: 'codec', path: '/ws/libs/codec', kind: null },
      { name: 'minicov', path: '/ws/runtime/minicov', kind: null },
      { name: 'helper', path: '/ws/libs/helper', kind: 'dev' },
      { name: 'serde', kind: null },
    ] },
    { name: 'codec', manifest_path: '/ws/libs/codec/Cargo.toml', dependencies: [{ name: 'ring', path: '/ws/libs/ring', kind: null }] },
    { name: 'ring', manifest_path: '/ws/libs/ring/Cargo.toml', dependencies: [] },
    { name: 'helper', manifest_path: '/ws/libs/helper/Cargo.toml', dependencies: [] },
    { name: 'minicov', manifest_path: '/ws/runtime/minicov/Cargo.toml', links: 'minicov', dependencies: [] },
  ],
});

describe('cargoDependencyEdges', () => {
  it('links projects that depend on each other by path, through each source Cargo.toml', () => {
    const projects = new Map([['fw', 'fw'], ['libs/codec', 'codec'], ['libs/ring', 'ring'], ['libs/helper', 'helper']]);
    const edges = cargoDependencyEdges(parseCargoMetadata(metadata), '/ws', projects);
    expect(edges).toEqual([
      { source: 'fw', target: 'codec', type: 'static', sourceFile: 'fw/Cargo.toml' },
      { source: 'fw', target: 'helper', type: 'static', sourceFile: 'fw/Cargo.toml' },
      { source: 'codec', target: 'ring', type: 'static', sourceFile: 'libs/codec/Cargo.toml' },
    ]);
  });

  it('rejects cargo metadata output that is not the documented shape', () => {
    expect(() => parseCargoMetadata('{"version":1,"workspace_root":"/ws","packages":{}}')).toThrow('cargo metadata: packages is not a list');
    expect(() => parseCargoMetadata('not json')).toThrow('cargo metadata: its output is not JSON');
    expect(() => parseCargoMetadata('{"version":2}')).toThrow('format version 2 (expected 1)');
  });
});
