// Which workspace crates a build instruments: the package and its path dependencies, never the runtime.
import { dirname, resolve } from 'node:path';
import type { CargoPackage, CargoWorkspace } from './cargo-metadata';

/** The `links` key of the minicov runtime crate; it is linked, never instrumented. */
export const RUNTIME_LINKS = 'minicov';

/** Names of the workspace packages `packageName` builds into its binary, minus the runtime. */
export function instrumentedCrates(workspace: CargoWorkspace, packageName: string): string[] {
  const byDirectory = new Map(
    workspace.packages.map((pkg) => [dirname(resolve(pkg.manifestPath)), pkg]),
  );
  const start = workspace.packages.find((pkg) => pkg.name === packageName);
  if (!start) return [];
  const seen = new Set<CargoPackage>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const pkg = queue.shift() as CargoPackage;
    for (const dependency of pkg.pathDependencies) {
      if (dependency.kind !== 'normal') continue;
      const target = byDirectory.get(resolve(dependency.path));
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].filter((pkg) => pkg.links !== RUNTIME_LINKS).map((pkg) => pkg.name);
}

/** The runtime crate's directory, if the workspace builds it from source. */
export function runtimeCrateDirectory(workspace: CargoWorkspace): string | undefined {
  const runtime = workspace.packages.find((pkg) => pkg.links === RUNTIME_LINKS);
  return runtime ? dirname(runtime.manifestPath) : undefined;
}
