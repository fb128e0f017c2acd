// Finds the minicov runtime's sources among a crate's path dependencies, so reports can leave them out and builds
// re-run when they change.
import { dirname, join } from 'node:path';
import { PathDependencyGraph } from './path-dependencies';
import { RUNTIME_LINKS } from './workspace-crates';

/**
 * The workspace-relative directory holding the runtime's sources: the crate with `links = "minicov"`,
 * or its parent when the C runtime sits beside it (runtime/minicov and runtime/c). Undefined if not a path dependency.
 */
export function runtimeSourceDirectory(
  workspaceRoot: string,
  dependencyDirectories: readonly string[],
  graph: PathDependencyGraph = new PathDependencyGraph(workspaceRoot),
): string | undefined {
  const directory = dependencyDirectories.find(
    (candidate) => graph.packageLinks(candidate) === RUNTIME_LINKS,
  );
  if (directory === undefined) return undefined;
  const parent = dirname(directory);
  return graph.files.exists(join(workspaceRoot, parent, 'c', 'include', 'minicov.h'))
    ? parent
    : directory;
}
