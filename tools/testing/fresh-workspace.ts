// A brand-new Nx workspace outside this repository, with nx installed by npm (and the packed minicov, when given).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun } from './exec';

/** The nx version this repository is tested with; a user installs it next to minicov. */
const NX_VERSION = '24.0.6';

/**
 * Creates `<tmp>/<name>` with a package.json and an nx.json, then `npm install -D nx [<tarball>]` as a user
 * would (from npm's cache when it has the packages). Returns the workspace root.
 */
export function createFreshWorkspace(name: string, pluginTarball?: string): string {
  const root = join(mkdtempSync(join(tmpdir(), 'minicov-fresh-')), name);
  mustRun('mkdir', ['-p', root]);
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify({ name, version: '0.0.0', private: true }, null, 2)}\n`,
  );
  writeFileSync(
    join(root, 'nx.json'),
    `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2)}\n`,
  );
  mustRun(
    'npm',
    [
      'install',
      '--save-dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      `nx@${NX_VERSION}`,
      ...(pluginTarball ? [pluginTarball] : []),
    ],
    { cwd: root, timeoutMs: 600_000 },
  );
  mustRun('git', ['init', '-q', '-b', 'main'], { cwd: root });
  return root;
}
