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
import { pathDependencyDirectories } from '../cargo/path-dependencies';
import { minicovCrateOf } from '../model/crate-table';
import { readReportTable } from '../model/report-table';
import { crateTargets } from './crate-targets';
import { workspaceProject } from './workspace-project';
import type { MinicovPluginOptions } from './plugin-options';

/** Files the plugin reads to infer projects: every Cargo.toml in the workspace. */
export const CARGO_MANIFEST_GLOB = '**/Cargo.toml';

/** One manifest → one project (or nothing when the crate does not opt in). */
function inferProject(
  manifestPath: string,
  options: MinicovPluginOptions | undefined,
  context: CreateNodesContext,
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
          options?.llvmMajor,
          pathDependencyDirectories(context.workspaceRoot, manifestPath, {
            devDependencies: crate.runner === 'test' || crate.hostTests,
          }),
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
    const results = await createNodesFromFiles(inferProject, manifestPaths, options ?? {}, context);
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
        { projects: { '.': workspaceProject(members, options?.llvmMajor, report) } },
      ] as const,
    ];
  },
];

/** The same entry point under the name older Nx versions look for. */
export const createNodesV2 = createNodes;
