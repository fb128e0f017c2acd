// `npm run bench:affected`: the whole monorepo's coverage cold, then `nx affected -t coverage` after one leaf
// crate changed; prints both times and the ratio next to the share of projects the change touched.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from '../testing/exec';
import { isolatedNxEnv } from '../testing/nx';
import { copyWorkspace, git, removeWorkspaceCopy } from '../testing/workspace-copy';

const LEAF = 'examples/libs/fixedpoint/src/lib.rs';

/** Seconds `nx args` takes in `root`; it must succeed. Returns the time and what nx printed. */
function nx(root: string, args: string[]): { seconds: number; output: string } {
  const start = process.hrtime.bigint();
  const result = mustRun(
    process.execPath,
    [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args],
    { cwd: root, env: isolatedNxEnv(root) },
  );
  return {
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    output: result.stdout.toString('utf8'),
  };
}

/** Project names with a `coverage` target, as nx lists them. */
function projects(root: string, extra: string[] = []): string[] {
  return nx(root, ['show', 'projects', '-t', 'coverage', ...extra])
    .output.split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const root = copyWorkspace('bench-affected');
try {
  const all = projects(root);
  const full = nx(root, ['run-many', '-t', 'coverage']);
  appendFileSync(join(root, LEAF), '\n// touched by bench:affected\n');
  git(root, ['commit', '-q', '-am', 'touch a leaf crate']);
  const touched = projects(root, ['--affected', '--base=HEAD~1', '--head=HEAD']);
  const affected = nx(root, ['affected', '-t', 'coverage', '--base=HEAD~1', '--head=HEAD']);
  const share = touched.length / all.length;
  const budget = full.seconds * share + 1;
  console.log(`Monorepo of ${all.length} projects with coverage targets: ${all.join(', ')}`);
  console.log(`  nx run-many -t coverage, cold: ${full.seconds.toFixed(2)} s`);
  console.log(
    `  after touching ${LEAF}: nx affected -t coverage ran ${touched.length} projects (${touched.join(', ')}) in ${affected.seconds.toFixed(2)} s`,
  );
  console.log(
    `  ratio ${(affected.seconds / full.seconds).toFixed(2)} against a project share of ${share.toFixed(2)}; budget (share of the cold run + 1 s) ${budget.toFixed(2)} s: ${affected.seconds <= budget ? 'within' : 'over'}`,
  );
} finally {
  removeWorkspaceCopy(root);
}
