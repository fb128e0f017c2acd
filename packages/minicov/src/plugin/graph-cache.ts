// The plugin's part of the project graph, kept in Nx's workspace data directory: an nx command in an unchanged
// workspace takes it from there instead of reading and parsing every manifest again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { GraphFiles, readsStillHold, type RecordedReads } from '../fs/graph-files';
import { pluginVersion } from '../fs/plugin-package';
import { pluginInWorkspace } from './plugin-inputs';

/** The parts of the graph the plugin computes, each cached on its own. */
export type GraphPart = 'nodes' | 'dependencies';

interface CacheEntry<T> {
  key: string;
  reads: RecordedReads;
  result: T;
}

/**
 * Where Nx keeps its workspace data (`nx reset` clears it): NX_WORKSPACE_DATA_DIRECTORY (or the older
 * NX_PROJECT_GRAPH_CACHE_DIRECTORY) when set, relative to the workspace root, else `.nx/workspace-data`.
 */
export function workspaceDataDirectory(workspaceRoot: string): string {
  const set =
    process.env.NX_WORKSPACE_DATA_DIRECTORY || process.env.NX_PROJECT_GRAPH_CACHE_DIRECTORY;
  if (!set) return join(workspaceRoot, '.nx', 'workspace-data');
  return isAbsolute(set) ? set : join(workspaceRoot, set);
}

/**
 * `compute`'s result for `part`, from the cache when it was computed for the same `key` by this version of the plugin
 * and every file it read still reads the same; otherwise computed (with `files` recording its reads) and stored.
 * Nothing is cached when the plugin is developed inside the workspace (its own code changes the result), with
 * MINICOV_GRAPH_CACHE=off, or when the computation fails.
 */
export async function cachedGraphPart<T>(
  workspaceRoot: string,
  part: GraphPart,
  key: unknown,
  compute: (files: GraphFiles) => T | Promise<T>,
): Promise<T> {
  if (process.env.MINICOV_GRAPH_CACHE === 'off' || pluginInWorkspace(workspaceRoot)) {
    return compute(new GraphFiles());
  }
  const file = join(workspaceDataDirectory(workspaceRoot), `minicov-graph-${part}.json`);
  const digest = keyDigest(key);
  const cached = readEntry<T>(file);
  if (cached?.key === digest && readsStillHold(cached.reads)) return cached.result;
  const files = new GraphFiles();
  const result = await compute(files);
  writeEntry(file, { key: digest, reads: files.reads(), result });
  return result;
}

/** A digest of `key` and the plugin's own version (a new plugin may infer other targets from the same files). */
function keyDigest(key: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: pluginVersion(), key }))
    .digest('hex');
}

function readEntry<T>(file: string): CacheEntry<T> | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry<T>;
    return typeof entry.key === 'string' && typeof entry.reads === 'object' ? entry : undefined;
  } catch {
    return undefined; // none yet, or damaged: computed again
  }
}

/** Writes the entry whole (a rename), so a concurrent reader never sees half of it; a failure only skips caching. */
function writeEntry<T>(file: string, entry: CacheEntry<T>): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(partial, JSON.stringify(entry));
    renameSync(partial, file);
  } catch {
    // a read-only data directory: the graph is simply computed every time
  }
}
