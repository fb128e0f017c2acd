// The only place that starts external programs: argument arrays, never a shell; failures become typed errors.
import { execa } from 'execa';
import { forwardSignalsToGroup, signalGroup, startGroupWatchdog, stopGroup } from './process-group';
import {
  ToolFailedError,
  ToolNotExecutableError,
  ToolNotFoundError,
  ToolTimedOutError,
} from './tool-errors';

/** What a finished program printed and how it exited. */
export interface ToolOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Where and how to run a program. `fix` is the advice attached to any failure. */
export interface RunToolOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Return a non-zero exit instead of throwing (the caller judges the status itself). */
  allowFailure?: boolean;
  fix?: string;
  /** Also show the program's output while it runs: both streams, or only stderr (when stdout is data). */
  echo?: boolean | 'stderr';
  /** Lines of echoed output to leave out, shown and kept alike (a program's routine notices). */
  omitLines?: RegExp;
  /**
   * Run the program in a process group of its own and treat the group as the run: everything left in it is killed
   * when the program exits (a background child holding its output open cannot keep the step waiting), at the
   * timeout, and within a second when this process or its parent dies (`kill -9` included).
   */
  ownProcessGroup?: boolean;
  /** Stops the program (its group, with ownProcessGroup) when aborted: a server the caller is done with. */
  abort?: AbortSignal;
}

/**
 * Echoed output passes through this process a whole line at a time: a program that writes a line in pieces (cargo's
 * status word, then the rest) never has another line written into the middle of it, in a terminal or in a pipe.
 * Lines `omit` matches are left out.
 */
function wholeLines(omit: RegExp | undefined) {
  return function* (line: unknown): Generator<unknown> {
    if (!omit?.test(String(line))) yield line;
  };
}

/** Seconds between SIGTERM and SIGKILL when a program or its group is stopped. */
const GRACE_MS = 2000;

/** Runs `file args...` to completion and returns its output; throws a typed error if it cannot. */
export async function runTool(
  file: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolOutput> {
  const fix = options.fix ?? `check that ${file} is installed and works when run by hand`;
  const group = options.ownProcessGroup === true;
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    timeout: group ? undefined : options.timeoutMs,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
    stdin: 'ignore',
    stdout: options.echo === true ? [wholeLines(options.omitLines), 'pipe', 'inherit'] : 'pipe',
    stderr: options.echo ? [wholeLines(options.omitLines), 'pipe', 'inherit'] : 'pipe',
    // A stopped program gets SIGTERM, then SIGKILL if it lingers, and never outlives this process.
    forceKillAfterDelay: GRACE_MS,
    cleanup: true,
    // setsid(): the program leads a new process group, which the run owns as a whole.
    detached: group,
  });
  let groupTimedOut = false;
  const stops: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const pgid = subprocess.pid;
  const onAbort = () => {
    if (group && pgid !== undefined) stopGroup(pgid, GRACE_MS);
    else subprocess.kill('SIGTERM');
  };
  if (options.abort?.aborted) onAbort();
  options.abort?.addEventListener('abort', onAbort);
  stops.push(() => options.abort?.removeEventListener('abort', onAbort));
  if (group && pgid !== undefined) {
    stops.push(startGroupWatchdog(pgid, [process.pid, process.ppid]), forwardSignalsToGroup(pgid));
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        groupTimedOut = true;
        stopGroup(pgid, GRACE_MS);
      }, options.timeoutMs);
    }
    // What the program leaves behind when it exits dies with it, so its output pipes close.
    subprocess.on('exit', () => signalGroup(pgid, 'SIGKILL'));
  }
  const result = await subprocess.finally(() => {
    clearTimeout(timer);
    for (const stop of stops) stop();
  });
  const code = (result as { code?: string }).code;
  if (code === 'ENOENT') throw new ToolNotFoundError(file, fix);
  if (code === 'EACCES') throw new ToolNotExecutableError(file, fix);
  const commandLine = [file, ...args].join(' ');
  if (result.timedOut || groupTimedOut)
    throw new ToolTimedOutError(commandLine, options.timeoutMs ?? 0, fix);
  if (result.exitCode === undefined) {
    const status = result.signal
      ? `killed by ${result.signal}`
      : (result.shortMessage ?? 'did not run');
    throw new ToolFailedError(
      commandLine,
      status,
      String(result.stderr ?? ''),
      fix,
      result.signal,
      Boolean(options.echo),
    );
  }
  const output = {
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    exitCode: result.exitCode,
  };
  if (output.exitCode !== 0 && !options.allowFailure) {
    throw new ToolFailedError(
      commandLine,
      `exit status ${output.exitCode}`,
      output.stderr,
      fix,
      undefined,
      Boolean(options.echo),
    );
  }
  return output;
}
