// nx started in the background, in its own process group like a shell's foreground job: watched while it runs,
// then interrupted as a terminal would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './cargo';
import { run } from './exec';
import { isolatedNxEnv } from './nx';

/** A running `nx` whose output is collected as it arrives. */
export interface NxProcess {
  /** nx's process id, which is also its process group's id. */
  pid: number;
  /** Everything nx printed so far, stdout and stderr. */
  output(): string;
  /**
   * Resolves when `condition` holds (checked every 100 ms);
   * rejects, with the output so far, after `timeoutMs` or if nx exits first.
   */
  waitFor(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Sends `signal` to every process of nx's group, as Ctrl-C in a terminal sends SIGINT to the foreground job. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Resolves with nx's exit status once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `nx <args>` in `cwd` with the workspace's own cache and data, in a new process group. */
export function startNx(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): NxProcess {
  const nxBin = join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const child: ChildProcess = spawn(process.execPath, [nxBin, ...args], {
    cwd: options.cwd,
    env: {
      ...process.env,
      ...isolatedNxEnv(options.cwd),
      NX_SKIP_LOG_GROUPING: 'true',
      CI: 'true',
      FORCE_COLOR: '0',
      ...options.env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('cannot start nx');
  const pid = child.pid;
  let text = '';
  let ended = false;
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  return {
    pid,
    output: () => text,
    exited,
    signalGroup: (signal) => process.kill(-pid, signal),
    waitFor: (condition, what, timeoutMs = 300_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (condition()) {
            clearInterval(poll);
            resolve();
          } else if (ended || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(
              new Error(
                `nx ${ended ? 'exited' : `ran ${timeoutMs / 1000} s`} before ${what}; its output:\n${text}`,
              ),
            );
          }
        }, 100);
      }),
  };
}

/** The processes still in process group `pgid` (`pgrep -g`), as `pid command` lines. */
export function processGroupMembers(pgid: number): string[] {
  return run('pgrep', ['-a', '-g', String(pgid)])
    .stdout.toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}
