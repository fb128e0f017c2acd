// Where the runtime crate is in this installation: inside the npm package, or at the repository root in development.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MinicovError } from '../../errors';
import { PLUGIN_ROOT } from '../../fs/plugin-package';

/** The runtime crate's directory relative to `workspaceRoot` (e.g. node_modules/minicov/runtime/minicov). */
export function runtimeCrateDirectory(workspaceRoot: string): string {
  const packageRoot = PLUGIN_ROOT;
  const candidates = [
    join(packageRoot, 'runtime', 'minicov'),
    join(packageRoot, '..', '..', 'runtime', 'minicov'),
  ];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'Cargo.toml')));
  if (!found) {
    throw new MinicovError(
      `the minicov runtime crate is missing from ${packageRoot}`,
      'reinstall the minicov package (npm install -D minicov)',
    );
  }
  return relative(workspaceRoot, found);
}
