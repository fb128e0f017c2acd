// Infers Nx projects and targets from Cargo manifests that opt in with [package.metadata.minicov].
import { dirname, join } from 'node:path';
import {
  createNodesFromFiles,
  type CreateNodes,
  type CreateNodesContext,
  type CreateNodesResult,
} from '@nx/devkit';
import { parseCargoManifest } from '../cargo/minicov-metadata';
import type { GraphFiles } from '../fs/graph-files';
import { PathDependencyGraph } from '../cargo/path-dependencies';
import { runtimeSourceDirectory } from '../cargo/runtime-sources';
import type { MinicovCrate } from '../model/crate-settings';
import { minicovCrateOf } from '../model/crate-table';
import { readReportTable } from '../model/report-table';
import { chainPaths } from '../model/output-layout';
import { crateTargetGroups, crateTargets, type CrateSurroundings } from './crate-targets';
import { cachedGraphPart } from './graph-cache';
import { pluginInputs } from './plugin-inputs';
import type { MinicovPluginOptions } from './plugin-options';
import { CRATE_SOURCES, CRATE_SOURCES_INPUT, type Input } from './target-inputs';
import {
  checkNoTargetClash,
  crateTargetNames,
  rootProjectName,
  targetNamesOf,
  type TargetNames,
} from './target-names';
import { workspaceProject } from './workspace-project';

/** Files the plugin reads to infer projects: every Cargo.toml in the workspace. */
export const CARGO_MANIFEST_GLOB = '**/Cargo.toml';

/** What one graph computation finds once and every crate shares. */
interface GraphShared {
  options: MinicovPluginOptions | undefined;
  names: TargetNames;
  /** Each Cargo.toml parsed once, however many crates depend on it. */
  dependencies: PathDependencyGraph;
  /** Every file the computation reads (the graph cache checks them all). */
  files: GraphFiles;
  plugin: Input[];
  /** nx.json defines the crates' sources named input (CRATE_SOURCES_INPUT) for every project. */
  sourcesInNxJson: boolean;
}

/** What the crate at `root` reads besides itself: its path dependencies, the runtime's C sources, the plugin. */
function surroundings(
  root: string,
  crate: MinicovCrate,
  context: CreateNodesContext,
  shared: GraphShared,
): CrateSurroundings {
  const pathDependencies = shared.dependencies.closure(root, {
    devDependencies: crate.runner === 'test' || crate.hostTests,
  });
  const runtime = runtimeSourceDirectory(
    context.workspaceRoot,
    pathDependencies,
    shared.dependencies,
  );
  const runtimeCSources =
    runtime !== undefined && !pathDependencies.includes(runtime) ? join(runtime, 'c') : undefined;
  return {
    names: shared.names,
    llvmMajor: shared.options?.llvmMajor,
    otherCrates: pathDependencies.filter((directory) => !shared.dependencies.optsIn(directory)),
    runtimeCSources,
    plugin: shared.plugin,
  };
}

/** One manifest → one project (or nothing when the crate does not opt in). */
function inferProject(
  manifestPath: string,
  context: CreateNodesContext,
  shared: GraphShared,
): CreateNodesResult {
  const manifest = parseCargoManifest(
    manifestPath,
    shared.files.text(join(context.workspaceRoot, manifestPath)) ?? '',
  );
  const crate = minicovCrateOf(manifestPath, manifest);
  if (!crate) return {};
  const root = dirname(manifestPath);
  checkNoTargetClash(context.workspaceRoot, root, crateTargetNames(shared.names), shared.files);
  const targets = crateTargets(
    crate,
    root,
    surroundings(root, crate, context, shared),
    readReportTable(manifestPath, manifest, 'package'),
  );
  return {
    projects: {
      [root]: {
        name: crate.name,
        root,
        projectType: crate.runner === 'test' ? 'library' : 'application',
        tags: ['minicov', crate.target ? `target:${crate.target}` : 'target:host'],
        targets,
        // The workspace may define the crates' sources for all of them in nx.json; otherwise each crate says.
        ...(shared.sourcesInNxJson
          ? {}
          : { namedInputs: { [CRATE_SOURCES_INPUT]: CRATE_SOURCES } }),
        metadata: { targetGroups: crateTargetGroups(shared.names, targets) },
      },
    },
  };
}

/** Projects and targets of every opted-in crate in `manifestPaths`, plus the root project with the workspace report. */
async function inferProjects(
  manifestPaths: readonly string[],
  options: MinicovPluginOptions | undefined,
  context: CreateNodesContext,
  files: GraphFiles,
) {
  const shared: GraphShared = {
    options,
    names: targetNamesOf(options),
    dependencies: new PathDependencyGraph(context.workspaceRoot, files),
    files,
    plugin: pluginInputs(context.workspaceRoot, undefined, files),
    sourcesInNxJson: sourcesInNxJson(context),
  };
  const results = await createNodesFromFiles(
    (manifestPath, _options, nodesContext) => inferProject(manifestPath, nodesContext, shared),
    manifestPaths,
    options ?? {},
    context,
  );
  const crates = results.flatMap(([, result]) => Object.values(result.projects ?? {}));
  if (!manifestPaths.includes('Cargo.toml') || crates.length === 0) return results;
  const members = crates.map((project) => {
    const coverage = project.targets?.[shared.names.coverage]?.options as
      { bin?: string; hostTests?: boolean; outputDir?: string } | undefined;
    return {
      name: project.name as string,
      root: project.root as string,
      bin: String(coverage?.bin),
      ...(coverage?.outputDir !== undefined &&
      coverage.outputDir !==
        chainPaths(project.root as string, project.name as string, 'coverage').result
        ? { reportDir: coverage.outputDir }
        : {}),
      ...(coverage?.hostTests ? { hostTests: true } : {}),
    };
  });
  const rootManifest = parseCargoManifest(
    'Cargo.toml',
    files.text(join(context.workspaceRoot, 'Cargo.toml')) ?? '',
  );
  const report = readReportTable('Cargo.toml', rootManifest, 'workspace');
  const project = workspaceProject(members, {
    projectName: rootProjectName(shared.names, context.workspaceRoot, files),
    names: shared.names,
    llvmMajor: options?.llvmMajor,
    report,
    plugin: shared.plugin,
  });
  return [...results, ['Cargo.toml', { projects: { '.': project } }] as const];
}

/** Whether the workspace's nx.json defines the crates' sources named input for every project. */
function sourcesInNxJson(context: CreateNodesContext): boolean {
  return CRATE_SOURCES_INPUT in (context.nxJsonConfiguration.namedInputs ?? {});
}

/**
 * Nx entry point that maps Cargo.toml files to projects and targets; errors name the manifest. An unchanged workspace
 * gets them from the graph cache (graph-cache.ts).
 */
export const createNodes: CreateNodes<MinicovPluginOptions> = [
  CARGO_MANIFEST_GLOB,
  (manifestPaths, options, context) =>
    cachedGraphPart(
      context.workspaceRoot,
      'nodes',
      {
        manifestPaths: [...manifestPaths].sort(),
        options: options ?? {},
        sourcesInNxJson: sourcesInNxJson(context),
      },
      (files) => inferProjects(manifestPaths, options, context, files),
    ),
];

/** The same entry point under the name older Nx versions look for. */
export const createNodesV2 = createNodes;
