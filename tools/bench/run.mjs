// Running tools for the benchmark scripts: argument arrays, never a shell; failures name the command.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command that must succeed and returns its stdout and stderr as text. */
export function mustRun(command, args, { cwd = repoRoot, env = {} } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stderr}`);
  }
  return { stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}
