// Hands a file to the desktop's browser: the BROWSER command when set, else the platform's opener.
import { spawn } from 'node:child_process';
import { MinicovError } from '../errors';
import { findOnPath } from './find-on-path';

/** No program to open a file with, or the one found could not start. */
export class NoBrowserError extends MinicovError {}

/** The command that opens `file` here: BROWSER (split on spaces, the file appended), else xdg-open, open or start. */
export function openerCommand(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): { program: string; args: string[]; from: string } {
  const browser = env.BROWSER?.trim();
  if (browser) {
    const [program, ...args] = browser.split(/\s+/) as [string, ...string[]];
    return { program, args: [...args, file], from: 'BROWSER' };
  }
  if (platform === 'darwin') return { program: 'open', args: [file], from: 'open' };
  if (platform === 'win32')
    return { program: 'cmd', args: ['/c', 'start', '""', file], from: 'start' };
  return { program: 'xdg-open', args: [file], from: 'xdg-open' };
}

/**
 * Starts the opener for `file` and returns once it has started (it is left running on its own, as a browser is);
 * throws NoBrowserError when it is not found or cannot start.
 */
export async function openInBrowser(file: string, cwd: string): Promise<string> {
  const { program, args, from } = openerCommand(file);
  const fix = `set BROWSER to your browser's command (e.g. BROWSER=firefox), install xdg-utils for xdg-open, or open ${file} yourself`;
  const path = findOnPath(program, process.env.PATH, cwd);
  if (path === undefined)
    throw new NoBrowserError(
      `cannot open the report: ${program} (${from === 'BROWSER' ? 'the BROWSER variable' : "the desktop's opener"}) is not on PATH`,
      fix,
    );
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path, args, { cwd, detached: true, stdio: 'ignore' });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
    child.once('error', (error) =>
      reject(
        new NoBrowserError(
          `cannot open the report: ${path} failed to start: ${error.message}`,
          fix,
        ),
      ),
    );
  });
  return [program, ...args].join(' ');
}
