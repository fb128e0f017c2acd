import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import { pathDependencyDirectories } from './path-dependencies';
import { runtimeSourceDirectory } from './runtime-sources';

const workspace = (files: Record<string, string>) => writeTempTree('minicov-deps-', files);

describe('pathDependencyDirectories', () => {
  const root = workspace({
    'fw/Cargo.toml':
      '[package]\nname="fw"\n[dependencies]\ncodec = { path = "../libs/codec" }\nminicov = { path = "../runtime/minicov" }\n[target.\'cfg(target_os = "none")\'.dependencies]\nboard = { path = "../libs/board" }\n[dev-dependencies]\nhelper = { path = "../libs/helper" }\n',
    'libs/codec/Cargo.toml':
      '[package]\nname="codec"\n[dependencies]\nring = { path = "../ring" }\n[build-dependencies]\ngen = { path = "../gen" }\n',
    'libs/ring/Cargo.toml':
      '[package]\nname="ring"\n[dev-dependencies]\nfuzz = { path = "../fuzz" }\n',
    'libs/board/Cargo.toml': '[package]\nname="board"\n',
    'libs/gen/Cargo.toml': '[package]\nname="gen"\n',
    'runtime/minicov/Cargo.toml': '[package]\nname="minicov"\nlinks="minicov"\n',
    'runtime/c/include/minicov.h': '',
  });

  it('follows normal, build and target-specific path dependencies transitively, not dev ones', () => {
    expect(pathDependencyDirectories(root, 'fw/Cargo.toml')).toEqual([
      'libs/board',
      'libs/codec',
      'libs/gen',
      'libs/ring',
      'runtime/minicov',
    ]);
  });

  it("adds the crate's own dev dependencies when its unit tests are built, not its dependencies' dev dependencies", () => {
    expect(pathDependencyDirectories(root, 'fw/Cargo.toml', { devDependencies: true })).toEqual([
      'libs/board',
      'libs/codec',
      'libs/gen',
      'libs/helper',
      'libs/ring',
      'runtime/minicov',
    ]);
    expect(
      pathDependencyDirectories(root, 'libs/codec/Cargo.toml', { devDependencies: true }),
    ).toEqual(['libs/gen', 'libs/ring']);
  });

  it('finds the runtime sources: the crate with links = "minicov" and the C runtime beside it', () => {
    expect(runtimeSourceDirectory(root, pathDependencyDirectories(root, 'fw/Cargo.toml'))).toBe(
      'runtime',
    );
    expect(runtimeSourceDirectory(root, ['libs/ring'])).toBeUndefined();
  });
});
