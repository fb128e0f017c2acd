// Reads the directories a crate depends on by path, transitively, straight from the manifests (no cargo run).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/**
 * Workspace-relative directories of every crate `manifestPath` depends on by path (normal and build deps), plus
 * the crate's own dev-dependencies when `devDependencies` is set (its unit tests are built: runner "test", host-tests).
 */
export function pathDependencyDirectories(
  workspaceRoot: string,
  manifestPath: string,
  { devDependencies = false } = {},
): string[] {
  const found = new Set<string>();
  const queue = [dirname(manifestPath)];
  while (queue.length > 0) {
    const directory = queue.shift() as string;
    const manifest = join(workspaceRoot, directory, 'Cargo.toml');
    if (!existsSync(manifest)) continue;
    for (const path of declaredPaths(
      readFileSync(manifest, 'utf8'),
      devDependencies && directory === dirname(manifestPath),
    )) {
      const dependency = normalize(join(directory, path));
      if (found.has(dependency) || dependency === dirname(manifestPath)) continue;
      found.add(dependency);
      queue.push(dependency);
    }
  }
  return [...found].map((directory) => relative('.', directory) || '.').sort();
}

/**
 * Workspace-relative directories `crateDirectory`'s own Cargo.toml depends on by path:
 * normal, build and dev dependencies.
 */
export function directPathDependencies(workspaceRoot: string, crateDirectory: string): string[] {
  const manifest = join(workspaceRoot, crateDirectory, 'Cargo.toml');
  if (!existsSync(manifest)) return [];
  const found = declaredPaths(readFileSync(manifest, 'utf8'), true).map(
    (path) => relative('.', normalize(join(crateDirectory, path))) || '.',
  );
  return [...new Set(found)];
}

/**
 * The `path = "..."` of every normal and build dependency (and dev dependency with `dev`),
 * including target-specific tables.
 */
function declaredPaths(text: string, dev: boolean): string[] {
  let manifest: Record<string, unknown>;
  try {
    manifest = parseToml(text) as Record<string, unknown>;
  } catch {
    return []; // createNodes reports broken manifests itself; here a broken one simply adds nothing.
  }
  const kinds = dev
    ? ['dependencies', 'build-dependencies', 'dev-dependencies']
    : ['dependencies', 'build-dependencies'];
  const tables: unknown[] = kinds.map((kind) => manifest[kind]);
  const targets = manifest.target;
  if (typeof targets === 'object' && targets !== null) {
    for (const table of Object.values(targets as Record<string, Record<string, unknown>>)) {
      tables.push(...kinds.map((kind) => table?.[kind]));
    }
  }
  return tables.flatMap((table) =>
    typeof table === 'object' && table !== null
      ? Object.values(table as Record<string, unknown>).flatMap((spec) =>
          typeof spec === 'object' &&
          spec !== null &&
          typeof (spec as { path?: unknown }).path === 'string'
            ? [(spec as { path: string }).path]
            : [],
        )
      : [],
  );
}
