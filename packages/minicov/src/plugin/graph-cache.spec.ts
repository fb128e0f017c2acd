import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import type { GraphFiles } from '../fs/graph-files';
import { cachedGraphPart, workspaceDataDirectory } from './graph-cache';

/** A computation that reads `a.toml`, checks for `b.toml`, and counts how often it ran. */
function counting(root: string) {
  const counter = { runs: 0 };
  const compute = (files: GraphFiles) => {
    counter.runs += 1;
    return { a: files.text(join(root, 'a.toml')), b: files.exists(join(root, 'b.toml')) };
  };
  return { counter, compute };
}

describe('the graph cache', () => {
  afterEach(() => {
    delete process.env.MINICOV_GRAPH_CACHE;
  });

  it('computes once, then answers from the cache while every file read reads the same', async () => {
    const root = writeTempTree('minicov-graph-cache-', { 'a.toml': 'one' });
    const { counter, compute } = counting(root);
    const first = await cachedGraphPart(root, 'nodes', { k: 1 }, compute);
    const second = await cachedGraphPart(root, 'nodes', { k: 1 }, compute);
    expect(second).toEqual(first);
    expect(first).toEqual({ a: 'one', b: false });
    expect(counter.runs).toBe(1);
  });

  it('computes again when a file it read changed, appeared or went away', async () => {
    const root = writeTempTree('minicov-graph-cache-', { 'a.toml': 'one' });
    const { counter, compute } = counting(root);
    await cachedGraphPart(root, 'nodes', {}, compute);
    writeFileSync(join(root, 'a.toml'), 'two');
    expect(await cachedGraphPart(root, 'nodes', {}, compute)).toEqual({ a: 'two', b: false });
    writeFileSync(join(root, 'b.toml'), '');
    expect(await cachedGraphPart(root, 'nodes', {}, compute)).toEqual({ a: 'two', b: true });
    rmSync(join(root, 'a.toml'));
    expect(await cachedGraphPart(root, 'nodes', {}, compute)).toEqual({ a: undefined, b: true });
    expect(counter.runs).toBe(4);
  });

  it('computes again for another key, and keeps each part apart', async () => {
    const root = writeTempTree('minicov-graph-cache-', { 'a.toml': 'one' });
    const { counter, compute } = counting(root);
    await cachedGraphPart(root, 'nodes', { options: {} }, compute);
    await cachedGraphPart(root, 'nodes', { options: { llvmMajor: 22 } }, compute);
    await cachedGraphPart(root, 'dependencies', { options: { llvmMajor: 22 } }, compute);
    await cachedGraphPart(root, 'nodes', { options: { llvmMajor: 22 } }, compute);
    expect(counter.runs).toBe(3);
  });

  it('caches nothing with MINICOV_GRAPH_CACHE=off, nor a computation that fails', async () => {
    const root = writeTempTree('minicov-graph-cache-', { 'a.toml': 'one' });
    const { counter, compute } = counting(root);
    process.env.MINICOV_GRAPH_CACHE = 'off';
    await cachedGraphPart(root, 'nodes', {}, compute);
    await cachedGraphPart(root, 'nodes', {}, compute);
    expect(counter.runs).toBe(2);
    delete process.env.MINICOV_GRAPH_CACHE;
    const failing = () => {
      throw new Error('a broken manifest');
    };
    await expect(cachedGraphPart(root, 'nodes', {}, failing)).rejects.toThrow('a broken manifest');
    await cachedGraphPart(root, 'nodes', {}, compute);
    expect(counter.runs).toBe(3);
  });

  it("keeps its files in Nx's workspace data directory, wherever NX_WORKSPACE_DATA_DIRECTORY puts it", () => {
    const saved = process.env.NX_WORKSPACE_DATA_DIRECTORY;
    try {
      delete process.env.NX_WORKSPACE_DATA_DIRECTORY;
      expect(workspaceDataDirectory('/ws')).toBe('/ws/.nx/workspace-data');
      process.env.NX_WORKSPACE_DATA_DIRECTORY = 'build/nx-data';
      expect(workspaceDataDirectory('/ws')).toBe('/ws/build/nx-data');
      process.env.NX_WORKSPACE_DATA_DIRECTORY = '/var/nx';
      expect(workspaceDataDirectory('/ws')).toBe('/var/nx');
    } finally {
      if (saved === undefined) delete process.env.NX_WORKSPACE_DATA_DIRECTORY;
      else process.env.NX_WORKSPACE_DATA_DIRECTORY = saved;
    }
  });
});
