// Infers Nx projects and targets from Cargo manifests that opt in with [package.metadata.minicov].
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createNodesFromFiles,
  type CreateNodes,
  type CreateNodesContext,
  type CreateNodesResult,
} from '@nx/devkit';
import { parseCargoManifest } from '../cargo/minicov-metadata';
import { PathDependencyGraph } from '../cargo/path-dependencies';
import { minicovCrateOf } from '../model/crate-table';
import { readReportTable } from '../model/report-table';
import { runtimeSourceDirectory } from '../cargo/runtime-sources';
import type { MinicovCrate } from '../model/crate-settings';
import { crateTargets, type CrateSurroundings } from './crate-targets';
import { pluginInputs } from './plugin-inputs';
import type { Input } from './target-inputs';
import { workspaceProject } from './workspace-project';
import type { MinicovPluginOptions } from './plugin-options';

/** Files the plugin reads to infer projects: every Cargo.toml in the workspace. */
export const CARGO_MANIFEST_GLOB = '**/Cargo.toml';

/** What the crate at `root` reads besides itself: its path dependencies, the runtime's C sources, the plugin. */
function surroundings(
  root: string,
  crate: MinicovCrate,
  options: MinicovPluginOptions | undefined,
  context: CreateNodesContext,
  dependencies: PathDependencyGraph,
  plugin: Input[],
): CrateSurroundings {
  const pathDependencies = dependencies.closure(root, {
    devDependencies: crate.runner === 'test' || crate.hostTests,
  });
  const runtime = runtimeSourceDirectory(context.workspaceRoot, pathDependencies, dependencies);
  const runtimeCSources =
    runtime !== undefined && !pathDependencies.includes(runtime) ? join(runtime, 'c') : undefined;
  return { llvmMajor: options?.llvmMajor, pathDependencies, runtimeCSources, plugin };
}

/** One manifest → one project (or nothing when the crate does not opt in). */
function inferProject(
  manifestPath: string,
  options: MinicovPluginOptions | undefined,
  context: CreateNodesContext,
  dependencies: PathDependencyGraph,
  plugin: Input[],
): CreateNodesResult {
  const manifest = parseCargoManifest(
    manifestPath,
    readFileSync(join(context.workspaceRoot, manifestPath), 'utf8'),
  );
  const crate = minicovCrateOf(manifestPath, manifest);
  if (!crate) return {};
  const root = dirname(manifestPath);
  return {
    projects: {
      [root]: {
        name: crate.name,
        root,
        projectType: crate.runner === 'test' ? 'library' : 'application',
        tags: ['minicov', crate.target ? `target:${crate.target}` : 'target:host'],
        targets: crateTargets(
          crate,
          root,
          surroundings(root, crate, options, context, dependencies, plugin),
          readReportTable(manifestPath, manifest, 'package'),
        ),
      },
    },
  };
}

/** Nx entry point that maps Cargo.toml files to projects and targets; errors name the manifest. */
export const createNodes: CreateNodes<MinicovPluginOptions> = [
  CARGO_MANIFEST_GLOB,
  async (manifestPaths, options, context) => {
    // One graph for every crate: each Cargo.toml is parsed once, however many crates depend on it.
    const dependencies = new PathDependencyGraph(context.workspaceRoot);
    const plugin = pluginInputs(context.workspaceRoot);
    const results = await createNodesFromFiles(
      (manifestPath, pluginOptions, nodesContext) =>
        inferProject(manifestPath, pluginOptions, nodesContext, dependencies, plugin),
      manifestPaths,
      options ?? {},
      context,
    );
    const crates = results.flatMap(([, result]) => Object.values(result.projects ?? {}));
    if (!manifestPaths.includes('Cargo.toml') || crates.length === 0) return results;
    const members = crates.map((project) => {
      const coverage = project.targets?.coverage?.options as
        { bin?: string; hostTests?: boolean } | undefined;
      return {
        name: project.name as string,
        root: project.root as string,
        bin: String(coverage?.bin),
        ...(coverage?.hostTests ? { hostTests: true } : {}),
      };
    });
    const rootManifest = parseCargoManifest(
      'Cargo.toml',
      readFileSync(join(context.workspaceRoot, 'Cargo.toml'), 'utf8'),
    );
    const report = readReportTable('Cargo.toml', rootManifest, 'workspace');
    return [
      ...results,
      [
        'Cargo.toml',
        { projects: { '.': workspaceProject(members, options?.llvmMajor, report, plugin) } },
      ] as const,
    ];
  },
];

/** The same entry point under the name older Nx versions look for. */
export const createNodesV2 = createNodes;
