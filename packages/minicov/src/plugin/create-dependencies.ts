// Turns Cargo path dependencies between opted-in crates into Nx project graph edges,
// read from the manifests (no cargo run).
import { join } from 'node:path';
import {
  DependencyType,
  type CreateDependencies,
  type RawProjectGraphDependency,
} from '@nx/devkit';
import { PathDependencyGraph } from '../cargo/path-dependencies';
import { GraphFiles } from '../fs/graph-files';
import { cachedGraphPart } from './graph-cache';
import type { MinicovPluginOptions } from './plugin-options';

/**
 * Edges from each project to every project its crate depends on by path: directly (normal, build and dev
 * dependencies), or through crates that are not projects. The source file is the project's Cargo.toml.
 */
export function cargoDependencyEdges(
  workspaceRoot: string,
  projectRoots: Map<string, string>,
  files: GraphFiles = new GraphFiles(),
): RawProjectGraphDependency[] {
  const graph = new PathDependencyGraph(workspaceRoot, files);
  const edges: RawProjectGraphDependency[] = [];
  for (const [root, source] of projectRoots) {
    const targets = new Set<string>();
    // Through crates that are not projects; a project ends the path (its own edges go on from there).
    graph.walk(root, true, (directory) => {
      const target = projectRoots.get(directory);
      if (target === undefined) return true;
      if (target !== source) targets.add(target);
      return false;
    });
    for (const target of targets) {
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

/** Nx entry point: the edges between minicov projects (from the graph cache when no manifest changed). */
export const createDependencies: CreateDependencies<MinicovPluginOptions> = async (
  options,
  context,
) => {
  const projectRoots = new Map<string, string>();
  for (const [name, project] of Object.entries(context.projects)) {
    // A crate project has a build step, whatever the plugin's options named it.
    const targets = Object.values(project.targets ?? {});
    if (targets.some((target) => target.executor === 'minicov:instrument'))
      projectRoots.set(project.root, name);
  }
  return cachedGraphPart(
    context.workspaceRoot,
    'dependencies',
    { projectRoots: [...projectRoots].sort(), options: options ?? {} },
    (files) => cargoDependencyEdges(context.workspaceRoot, projectRoots, files),
  );
};
