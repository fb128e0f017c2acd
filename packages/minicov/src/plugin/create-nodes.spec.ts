import { describe, expect, it } from 'vitest';
import * as plugin from '../../index';

describe('minicov plugin module', () => {
  it('exports createNodesV2 as a Cargo.toml glob and a function', () => {
    const [glob, createNodesFunction] = plugin.createNodesV2;
    expect(glob).toBe('**/Cargo.toml');
    expect(typeof createNodesFunction).toBe('function');
  });

  it('exports createNodes as the same tuple', () => {
    expect(plugin.createNodes).toBe(plugin.createNodesV2);
  });

  it('infers no projects from Cargo manifests yet', async () => {
    const [, createNodesFunction] = plugin.createNodesV2;
    const context = { nxJsonConfiguration: {}, workspaceRoot: '/workspace' };
    const results = await createNodesFunction(['crates/a/Cargo.toml'], {}, context);
    expect(results).toEqual([]);
  });
});
