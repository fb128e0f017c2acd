// Reads the directories a crate depends on by path, transitively, straight from the manifests (no cargo run).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** Workspace-relative directories of every crate `manifestPath` depends on by path (normal and build deps). */
export function pathDependencyDirectories(workspaceRoot: string, manifestPath: string): string[] {
  const found = new Set<string>();
  const queue = [dirname(manifestPath)];
  while (queue.length > 0) {
    const directory = queue.shift() as string;
    const manifest = join(workspaceRoot, directory, 'Cargo.toml');
    if (!existsSync(manifest)) continue;
    for (const path of declaredPaths(readFileSync(manifest, 'utf8'))) {
      const dependency = normalize(join(directory, path));
      if (found.has(dependency) || dependency === dirname(manifestPath)) continue;
      found.add(dependency);
      queue.push(dependency);
    }
  }
  return [...found].map((directory) => relative('.', directory) || '.').sort();
}

/** The `path = "..."` of every normal and build dependency, including target-specific tables. */
function declaredPaths(text: string): string[] {
  let manifest: Record<string, unknown>;
  try {
    manifest = parseToml(text) as Record<string, unknown>;
  } catch {
    return []; // createNodes reports broken manifests itself; here a broken one simply adds nothing.
  }
  const tables: unknown[] = [manifest.dependencies, manifest['build-dependencies']];
  const targets = manifest.target;
  if (typeof targets === 'object' && targets !== null) {
    for (const table of Object.values(targets as Record<string, Record<string, unknown>>)) {
      tables.push(table?.dependencies, table?.['build-dependencies']);
    }
  }
  return tables.flatMap((table) =>
    typeof table === 'object' && table !== null
      ? Object.values(table as Record<string, unknown>).flatMap((spec) =>
          typeof spec === 'object' && spec !== null && typeof (spec as { path?: unknown }).path === 'string' ? [(spec as { path: string }).path] : [],
        )
      : [],
  );
}
