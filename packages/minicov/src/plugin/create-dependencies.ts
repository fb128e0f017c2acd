// Turns Cargo path dependencies between opted-in crates into Nx project graph edges,
// read from the manifests (no cargo run).
import { join } from 'node:path';
import {
  DependencyType,
  type CreateDependencies,
  type RawProjectGraphDependency,
} from '@nx/devkit';
import { directPathDependencies } from '../cargo/path-dependencies';
import type { MinicovPluginOptions } from './plugin-options';

/**
 * Edges from each project whose crate depends by path on another project's crate; the source file is its Cargo.toml.
 */
export function cargoDependencyEdges(
  workspaceRoot: string,
  projectRoots: Map<string, string>,
): RawProjectGraphDependency[] {
  const edges: RawProjectGraphDependency[] = [];
  for (const [root, source] of projectRoots) {
    const seen = new Set<string>();
    for (const directory of directPathDependencies(workspaceRoot, root)) {
      const target = projectRoots.get(directory);
      if (!target || target === source || seen.has(target)) continue;
      seen.add(target);
      edges.push({
        source,
        target,
        type: DependencyType.static,
        sourceFile: join(root, 'Cargo.toml'),
      });
    }
  }
  return edges;
}

/** Nx entry point: the edges between minicov projects. */
export const createDependencies: CreateDependencies<MinicovPluginOptions> = async (
  _options,
  context,
) => {
  const projectRoots = new Map<string, string>();
  for (const [name, project] of Object.entries(context.projects)) {
    if (project.targets?.['coverage-build']?.executor === 'minicov:instrument')
      projectRoots.set(project.root, name);
  }
  return cargoDependencyEdges(context.workspaceRoot, projectRoots);
};
