// Which processes are alive (or dead but not reaped) on this machine, read from /proc:
// for checks that a run left nothing behind.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * One process: its id, command name (at most 15 characters), state letter (Z = zombie)
 * and working directory if readable.
 */
export interface ProcessInfo {
  pid: number;
  comm: string;
  state: string;
  cwd?: string;
}

/** Every process /proc lists right now. */
export function listProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // The command name is in parentheses and may contain spaces; the state follows the closing one.
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '?';
        let cwd: string | undefined;
        try {
          cwd = readlinkSync(`/proc/${entry}/cwd`);
        } catch {
          cwd = undefined; // zombies and other users' processes have none to read
        }
        return [{ pid: Number(entry), comm, state, cwd }];
      } catch {
        return []; // the process ended while the list was read
      }
    });
}

/** Processes whose working directory is `directory` or inside it (a run's program and every child it started). */
export function processesWorkingIn(directory: string): ProcessInfo[] {
  return listProcesses().filter(
    (process) => process.cwd === directory || process.cwd?.startsWith(`${directory}/`),
  );
}

/**
 * Ids of zombie processes whose command name starts with `prefix` and that are still zombies `settleMs` later: a
 * program that just ended is a zombie only until its parent reaps it (another test file may be running one).
 */
export async function lingeringZombieIds(prefix: string, settleMs = 1_000): Promise<Set<number>> {
  const first = zombieIds(prefix);
  if (first.size === 0) return first;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const second = zombieIds(prefix);
  return new Set([...first].filter((pid) => second.has(pid)));
}

/** Ids of zombie processes whose command name starts with `prefix`. */
export function zombieIds(prefix: string): Set<number> {
  return new Set(
    listProcesses()
      .filter((process) => process.state === 'Z' && process.comm.startsWith(prefix))
      .map((process) => process.pid),
  );
}
