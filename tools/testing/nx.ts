// Running the real nx CLI from tests: no daemon, no cloud, plain output, exit status and output returned.
import { join } from 'node:path';
import { repoRoot } from './cargo';
import { run, type RunResult } from './exec';

/**
 * nx as a one-shot command for `workspace`: no daemon, no cloud, no TUI, and the workspace's own cache and
 * data (Nx would otherwise share them between checkouts of one repository, under ~/.nx).
 */
export function isolatedNxEnv(workspace: string): Record<string, string> {
  return {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_CACHE_DIRECTORY: join(workspace, '.nx', 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: join(workspace, '.nx', 'workspace-data'),
  };
}

/** Runs `nx <args>` in `cwd` (default: this repository) with the repository's nx, or `nxBin`. */
export function runNx(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    timeoutMs?: number;
    nxBin?: string;
  } = {},
): RunResult & { output: string } {
  const nxBin = options.nxBin ?? join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const cwd = options.cwd ?? repoRoot;
  const result = run(process.execPath, [nxBin, ...args], {
    cwd,
    env: {
      ...isolatedNxEnv(cwd),
      NX_SKIP_LOG_GROUPING: 'true',
      CI: 'true',
      FORCE_COLOR: '0',
      ...options.env,
    },
    timeoutMs: options.timeoutMs,
  });
  return { ...result, output: `${result.stdout.toString('utf8')}\n${result.stderr}` };
}

/** The tasks nx ran in `output`, each with whether it came from the cache. */
export function nxTasks(output: string): Map<string, 'cache' | 'ran'> {
  const tasks = new Map<string, 'cache' | 'ran'>();
  for (const match of output.matchAll(/^> nx run (\S+)(.*)$/gm)) {
    const note = match[2] ?? '';
    tasks.set(
      match[1] as string,
      /local cache|remote cache|existing outputs match the cache/.test(note) ? 'cache' : 'ran',
    );
  }
  return tasks;
}
