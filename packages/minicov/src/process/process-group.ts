// A run's processes as one group: stopped together at the timeout, when the run's program exits, or when minicov dies.
import { spawn } from 'node:child_process';

/** Sends `signal` to every process of group `pgid`; a group that is already gone is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Stops group `pgid`: SIGTERM to every process, then SIGKILL to whatever is left after `graceMs`. */
export function stopGroup(pgid: number, graceMs: number): void {
  signalGroup(pgid, 'SIGTERM');
  setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs).unref();
}

/**
 * Starts a watchdog, a shell of its own, that kills group `pgid` as soon as one of the `watched` processes is gone
 * (minicov's step or the nx process that started it, killed with SIGKILL, say). Returns the function that stops it.
 */
export function startGroupWatchdog(pgid: number, watched: readonly number[]): () => void {
  const alive = watched.map((pid) => `kill -0 ${pid} 2>/dev/null`).join(' && ');
  const script = `while ${alive} && kill -0 -${pgid} 2>/dev/null; do sleep 0.5; done; kill -KILL -${pgid} 2>/dev/null; exit 0`;
  // A group of its own, outside the workspace: stopping it stops its `sleep` too, and it never holds a directory.
  const watchdog = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore', cwd: '/' });
  watchdog.unref();
  return () => {
    if (watchdog.exitCode === null && watchdog.pid) signalGroup(watchdog.pid, 'SIGKILL');
  };
}

/**
 * Signals that stop a run: passed on to its group (which no longer shares the terminal's),
 * for as long as the run lasts.
 */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The first signal forwarded to a group: the step is being stopped (Ctrl-C, nx going down). */
let receivedSignal: NodeJS.Signals | undefined;

/**
 * What a failed step leaves at its output's place: the previous output when the step is being stopped by a signal
 * (the failure is no verdict on it, and nothing runs after an interrupted step), else nothing (see replaceOutput).
 */
export function outputOnFailure(): 'keep-previous' | 'remove' {
  return receivedSignal ? 'keep-previous' : 'remove';
}

/**
 * Passes Ctrl-C and termination signals this process receives on to group `pgid`; returns the function that stops it.
 */
export function forwardSignalsToGroup(pgid: number): () => void {
  const forward = (signal: NodeJS.Signals) => {
    receivedSignal ??= signal;
    signalGroup(pgid, signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  return () => {
    for (const signal of FORWARDED) process.off(signal, forward);
  };
}
