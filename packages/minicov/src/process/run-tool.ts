// The only place that starts external programs: argument arrays, never a shell; failures become typed errors.
import { execa } from 'execa';
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
}

/** Runs `file args...` to completion and returns its output; throws a typed error if it cannot. */
export async function runTool(
  file: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolOutput> {
  const fix = options.fix ?? `check that ${file} is installed and works when run by hand`;
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    timeout: options.timeoutMs,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
    stdin: 'ignore',
    stdout: options.echo === true ? ['pipe', 'inherit'] : 'pipe',
    stderr: options.echo ? ['pipe', 'inherit'] : 'pipe',
    // A stopped program gets SIGTERM, then SIGKILL if it lingers, and never outlives this process.
    forceKillAfterDelay: 2000,
    cleanup: true,
  });
  const code = (result as { code?: string }).code;
  if (code === 'ENOENT') throw new ToolNotFoundError(file, fix);
  if (code === 'EACCES') throw new ToolNotExecutableError(file, fix);
  const commandLine = [file, ...args].join(' ');
  if (result.timedOut) throw new ToolTimedOutError(commandLine, options.timeoutMs ?? 0, fix);
  if (result.exitCode === undefined) {
    const status = result.signal ? `killed by ${result.signal}` : (result.shortMessage ?? 'did not run');
    throw new ToolFailedError(commandLine, status, String(result.stderr ?? ''), fix, result.signal, Boolean(options.echo));
  }
  const output = { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode };
  if (output.exitCode !== 0 && !options.allowFailure) {
    throw new ToolFailedError(commandLine, `exit status ${output.exitCode}`, output.stderr, fix, undefined, Boolean(options.echo));
  }
  return output;
}
