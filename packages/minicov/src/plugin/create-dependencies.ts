// Turns Cargo path dependencies between opted-in crates into Nx project graph edges (one `cargo metadata` run).
import { dirname, relative, resolve } from 'node:path';
import { DependencyType, type CreateDependencies, type RawProjectGraphDependency } from '@nx/devkit';
import { readCargoWorkspace, type CargoWorkspace } from '../cargo/cargo-metadata';
import type { MinicovPluginOptions } from './plugin-options';

/** Edges from each project whose crate depends by path on another project's crate; the source file is its Cargo.toml. */
export function cargoDependencyEdges(workspace: CargoWorkspace, workspaceRoot: string, projectRoots: Map<string, string>): RawProjectGraphDependency[] {
  const projectAt = (directory: string) => projectRoots.get(relative(workspaceRoot, resolve(directory)) || '.');
  const edges: RawProjectGraphDependency[] = [];
  for (const pkg of workspace.packages) {
    const source = projectAt(dirname(pkg.manifestPath));
    if (!source) continue;
    const seen = new Set<string>();
    for (const dependency of pkg.pathDependencies) {
      const target = projectAt(dependency.path);
      if (!target || target === source || seen.has(target)) continue;
      seen.add(target);
      edges.push({
        source,
        target,
        type: DependencyType.static,
        sourceFile: relative(workspaceRoot, pkg.manifestPath),
      });
    }
  }
  return edges;
}

/** Nx entry point: reads the Cargo workspace once and returns the edges between minicov projects. */
export const createDependencies: CreateDependencies<MinicovPluginOptions> = async (_options, context) => {
  const projectRoots = new Map<string, string>();
  for (const [name, project] of Object.entries(context.projects)) {
    if (project.targets?.['coverage-build']?.executor === 'minicov:instrument') projectRoots.set(project.root, name);
  }
  if (projectRoots.size === 0) return [];
  const workspace = await readCargoWorkspace(process.env.CARGO || 'cargo', context.workspaceRoot, {});
  return cargoDependencyEdges(workspace, context.workspaceRoot, projectRoots);
};
