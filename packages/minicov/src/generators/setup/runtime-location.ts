// Where the runtime crate is in this installation: inside the npm package, or at the repository root in development.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MinicovError } from '../../errors';
import { PLUGIN_ROOT, RUNTIME_ROOTS } from '../../fs/plugin-package';

/** The runtime crate's directory relative to `workspaceRoot` (e.g. node_modules/minicov/runtime/minicov). */
export function runtimeCrateDirectory(workspaceRoot: string): string {
  const candidates = RUNTIME_ROOTS.map((root) => join(root, 'minicov'));
  const found = candidates.find((candidate) => existsSync(join(candidate, 'Cargo.toml')));
  if (!found) {
    throw new MinicovError(
      `the minicov runtime crate is missing from ${PLUGIN_ROOT}`,
      'reinstall the minicov package (npm install -D minicov)',
    );
  }
  return relative(workspaceRoot, found);
}
