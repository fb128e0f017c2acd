// Running real tools from tests: argument arrays, never a shell; failures carry the command and its output.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/**
 * Runs `command` with `args` and returns its exit status and output, whatever the status. The output goes to files,
 * not pipes: a program that ends with process.exit() (nx does) can lose the end of what it wrote to a pipe, and a
 * background child that keeps a pipe open (the nx daemon) would hold the call until it exits.
 */
export function run(command: string, args: string[], options: RunOptions = {}): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'minicov-run-'));
  const [stdoutPath, stderrPath] = [join(dir, 'stdout'), join(dir, 'stderr')];
  const [stdoutFd, stderrFd] = [openSync(stdoutPath, 'w'), openSync(stderrPath, 'w')];
  try {
    const result = spawnSync(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 600_000,
      input: options.stdin,
      stdio: ['pipe', stdoutFd, stderrFd],
    });
    if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
    return {
      code: result.status,
      signal: result.signal,
      stdout: readFileSync(stdoutPath),
      stderr: readFileSync(stderrPath, 'utf8'),
    };
  } finally {
    closeSync(stdoutFd);
    closeSync(stderrFd);
    rmSync(dir, { recursive: true, force: true });
  }
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
