// Running real tools from tests: argument arrays, never a shell; failures carry the command and its output.
import { spawnSync } from 'node:child_process';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  stdin?: Buffer | string;
}

/** Runs `command` with `args` and returns its exit status and output, whatever the status. */
export function run(command: string, args: string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    timeout: options.timeoutMs ?? 600_000,
    input: options.stdin,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr.toString('utf8'),
  };
}

/** Runs a command that must succeed; throws with its command line and stderr otherwise. */
export function mustRun(command: string, args: string[], options: RunOptions = {}): RunResult {
  const result = run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code ?? result.signal}\n${result.stderr}`,
    );
  }
  return result;
}
