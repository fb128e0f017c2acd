import { readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { describe, expect, it } from 'vitest';
import type { ToolchainChoice } from '../../toolchain/choose-toolchain';
import initGenerator from './generator';

const none = async (): Promise<ToolchainChoice> => ({
  rejected: [{ candidate: 'rustc (PATH)', reason: 'rustc: not found' }],
});

describe('init generator (nx add minicov)', () => {
  it('registers the plugin without a pin and succeeds when no toolchain is usable', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await initGenerator(tree, { skipFormat: true }, none);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'minicov', options: {} }]);
    // Nothing else is written: the pin and the toolchain file wait for `nx g minicov:setup`.
    expect(tree.exists('rust-toolchain.toml')).toBe(false);
    expect(tree.exists('Cargo.toml')).toBe(false);
  });

  it('keeps a plugin entry that is already there', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const nxJson = readNxJson(tree) ?? {};
    tree.write(
      'nx.json',
      JSON.stringify({ ...nxJson, plugins: [{ plugin: 'minicov', options: { llvmMajor: 22 } }] }),
    );
    await initGenerator(tree, { skipFormat: true }, none);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'minicov', options: { llvmMajor: 22 } }]);
  });
});
