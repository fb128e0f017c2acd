// Finds the minicov runtime's sources among a crate's path dependencies, so reports can leave them out.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { RUNTIME_LINKS } from './workspace-crates';

/**
 * The workspace-relative directory holding the runtime's sources: the crate with `links = "minicov"`,
 * or its parent when the C runtime sits beside it (runtime/minicov and runtime/c). Undefined if not a path dependency.
 */
export function runtimeSourceDirectory(
  workspaceRoot: string,
  dependencyDirectories: readonly string[],
): string | undefined {
  for (const directory of dependencyDirectories) {
    const manifest = join(workspaceRoot, directory, 'Cargo.toml');
    if (!existsSync(manifest)) continue;
    try {
      const pkg = (parseToml(readFileSync(manifest, 'utf8')) as { package?: { links?: unknown } })
        .package;
      if (pkg?.links !== RUNTIME_LINKS) continue;
    } catch {
      continue;
    }
    const parent = dirname(directory);
    return existsSync(join(workspaceRoot, parent, 'c', 'include', 'minicov.h'))
      ? parent
      : directory;
  }
  return undefined;
}
