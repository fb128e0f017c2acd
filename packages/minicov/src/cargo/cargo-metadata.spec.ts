import { describe, expect, it } from 'vitest';
import { parseCargoMetadata } from './cargo-metadata';

describe('parseCargoMetadata', () => {
  it('reads members, their path dependencies and links', () => {
    const workspace = parseCargoMetadata(
      JSON.stringify({
        version: 1,
        workspace_root: '/ws',
        packages: [
          {
            name: 'fw',
            manifest_path: '/ws/fw/Cargo.toml',
            links: 'x',
            dependencies: [
              { name: 'codec', path: '/ws/codec', kind: 'dev' },
              { name: 'serde', kind: null },
            ],
          },
        ],
      }),
    );
    expect(workspace).toEqual({
      workspaceRoot: '/ws',
      packages: [
        {
          name: 'fw',
          manifestPath: '/ws/fw/Cargo.toml',
          links: 'x',
          hasLibrary: undefined,
          binNames: undefined,
          pathDependencies: [{ name: 'codec', path: '/ws/codec', kind: 'dev' }],
        },
      ],
    });
  });

  it('rejects cargo metadata output that is not the documented shape', () => {
    expect(() => parseCargoMetadata('{"version":1,"workspace_root":"/ws","packages":{}}')).toThrow(
      'cargo metadata: packages is not a list',
    );
    expect(() => parseCargoMetadata('not json')).toThrow('cargo metadata: its output is not JSON');
    expect(() => parseCargoMetadata('{"version":2}')).toThrow('format version 2 (expected 1)');
  });
});
