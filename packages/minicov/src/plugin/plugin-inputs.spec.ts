import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import { pluginInputs } from './plugin-inputs';

describe('pluginInputs', () => {
  const plugin = JSON.stringify({
    name: 'minicov',
    dependencies: { 'smol-toml': '^1', execa: '^9' },
  });

  it("hashes the plugin's sources and its npm dependencies when it is developed inside the workspace", () => {
    const root = writeTempTree('minicov-plugin-inputs-', {
      'package.json': '{}',
      'package-lock.json': '{"packages":{"node_modules/smol-toml":{},"node_modules/execa":{}}}',
      'packages/minicov/package.json': plugin,
    });
    expect(pluginInputs(root, join(root, 'packages', 'minicov'))).toEqual([
      '{workspaceRoot}/packages/minicov/**/*',
      '!{workspaceRoot}/packages/minicov/**/*.spec.ts',
      '!{workspaceRoot}/packages/minicov/**/*.md',
      { externalDependencies: ['smol-toml', 'execa'] },
    ]);
  });

  it('leaves the npm dependencies to Nx when the lockfile lacks one of them', () => {
    const root = writeTempTree('minicov-plugin-inputs-', {
      'package.json': '{}',
      'package-lock.json': '{"packages":{"node_modules/smol-toml":{}}}',
      'packages/minicov/package.json': plugin,
    });
    expect(pluginInputs(root, join(root, 'packages', 'minicov'))).toHaveLength(3);
  });

  it('hashes only the installed version when package.json declares the plugin and the lockfile has it', () => {
    const declared = JSON.stringify({ devDependencies: { nx: '24.0.6', minicov: '0.1.0' } });
    for (const [lockfile, text] of [
      ['package-lock.json', '{"packages":{"node_modules/minicov":{"version":"0.1.0"}}}'],
      ['pnpm-lock.yaml', 'packages:\n  minicov@0.1.0:\n    resolution: {}\n'],
      ['yarn.lock', '"minicov@file:minicov-0.1.0.tgz":\n  version "0.1.0"\n'],
    ] as const) {
      const root = writeTempTree('minicov-plugin-inputs-', {
        'package.json': declared,
        [lockfile]: text,
      });
      expect(pluginInputs(root, join(root, 'node_modules', 'minicov')), lockfile).toEqual([
        { externalDependencies: ['minicov'] },
      ]);
    }
    const unlocked = writeTempTree('minicov-plugin-inputs-', { 'package.json': declared });
    expect(pluginInputs(unlocked, join(unlocked, 'node_modules', 'minicov'))).toEqual([]);
  });

  it("keeps Nx's default (every external dependency) for a plugin installed without a declaration", () => {
    const root = writeTempTree('minicov-plugin-inputs-', {
      'package.json': '{"devDependencies":{}}',
    });
    expect(pluginInputs(root, join(root, 'node_modules', 'minicov'))).toEqual([]);
    expect(pluginInputs(root, '/elsewhere/minicov')).toEqual([]);
  });
});
