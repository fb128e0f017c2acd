// `npm run bench:core`: what the one shared build of `core` per target saves. Cold `coverage` of one firmware
// crate, then of a second crate of the same target, then `pgo` of the first after its coverage, each with `core`
// shared (as minicov builds it) and with `core` built again for the build (as each build directory did before).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mustRun } from '../testing/exec';
import { isolatedNxEnv } from '../testing/nx';
import { copyWorkspace, git, removeWorkspaceCopy } from '../testing/workspace-copy';
// @ts-expect-error plain JavaScript shared with the tests
import { packPlugin } from '../pack-plugin.mjs';

const workspace = copyWorkspace('bench-core', { pluginTarball: packPlugin() });
const stdDir = mkdtempSync(join(tmpdir(), 'bench-core-std-'));
const nxBin = join(workspace, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const env = { ...isolatedNxEnv(workspace), MINICOV_STD_DIR: stdDir };

/** Seconds `nx run <target> --skip-nx-cache` takes, the directories `emptied` (relative or absolute) first. */
function cold(target: string, emptied: string[]): number {
  for (const dir of emptied) rmSync(resolve(workspace, dir), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  mustRun(process.execPath, [nxBin, 'run', target, '--skip-nx-cache'], { cwd: workspace, env });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// A second firmware crate for the same target, as a team's second board would be.
mustRun(
  process.execPath,
  [
    nxBin,
    'g',
    'minicov:crate',
    'fw2',
    '--kind=firmware',
    '--target=thumbv7m-none-eabi',
    '--no-interactive',
  ],
  { cwd: workspace, env },
);
git(workspace, ['add', '-A']);
git(workspace, ['commit', '-q', '-m', 'fw2']);

const steps: [string, string, string[]][] = [
  ['fw:coverage (first crate)', 'fw:coverage', ['target/minicov/fw']],
  ['fw2:coverage (second crate, same target)', 'fw2:coverage', ['target/minicov/fw2']],
  ['fw:pgo (after fw:coverage)', 'fw:pgo', ['target/minicov/fw/pgo', 'target/minicov/fw/pgo-use']],
];
console.log('cold runs, seconds: core shared (built once per target) | core built for the step');
for (const [label, target, dirs] of steps) {
  const shared = cold(target, dirs); // core from the first step onwards, built once
  const own = cold(target, [...dirs, stdDir]);
  console.log(
    `  ${label.padEnd(44)} ${shared.toFixed(1).padStart(6)} | ${own.toFixed(1).padStart(6)}`,
  );
}

removeWorkspaceCopy(workspace);
rmSync(stdDir, { recursive: true, force: true });
