import type { CreateNodes, CreateNodesResultV2 } from '@nx/devkit';

/** Options a workspace sets for the plugin in nx.json; none are defined yet. */
export type MinicovPluginOptions = Record<string, never>;

/** Files the plugin reads to infer projects: every Cargo.toml in the workspace. */
export const CARGO_MANIFEST_GLOB = '**/Cargo.toml';

/** Infers Nx projects from Cargo manifests; it infers none yet (targets come in later work). */
async function inferProjectsFromCargoManifests(
  _manifestPaths: readonly string[],
): Promise<CreateNodesResultV2> {
  return [];
}

/** Nx entry point that maps Cargo.toml files to projects and targets. */
export const createNodes: CreateNodes<MinicovPluginOptions> = [
  CARGO_MANIFEST_GLOB,
  (manifestPaths) => inferProjectsFromCargoManifests(manifestPaths),
];

/** The same entry point under the name Nx used before 24 (`createNodes` is preferred now). */
export const createNodesV2: CreateNodes<MinicovPluginOptions> = createNodes;
