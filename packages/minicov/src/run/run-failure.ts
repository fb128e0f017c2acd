// The error for a run that did not end the way a profiled run must: exit 0 with a profile written.
import { MinicovError } from '../errors';

/** A run crashed, failed its self-check, timed out or wrote no profile. */
export class RunFailedError extends MinicovError {}

/** The last lines of a program's output, to show with an error. */
export function outputTail(stdout: string, stderr: string, lines = 15): string {
  const text = `${stdout}${stderr ? `\n${stderr}` : ''}`.trim();
  if (!text) return '';
  const tail = text.split('\n').slice(-lines);
  return `\n  its last output:\n${tail.map((line) => `    ${line}`).join('\n')}`;
}

/** What a non-zero exit usually means for a firmware or host program built by minicov. */
export function exitMeaning(runner: string, code: number): string {
  // The std test harness exits 101 when a test failed.
  if (runner === 'test' && code === 101) return ' (a unit test failed)';
  if (code === 101) return ' (a Rust panic)';
  if (runner === 'qemu' && code === 2)
    return ' (its profile could not be written, if the firmware follows the minicov exit codes)';
  if (runner === 'qemu' && code === 3)
    return ' (a HardFault, if the firmware follows the minicov exit codes)';
  if (runner === 'qemu' && code === 4)
    return ' (an unexpected exception, if the firmware follows the minicov exit codes)';
  if (code === 1) return ' (its self-check failed, if it follows the minicov exit codes)';
  return '';
}

/** What a signal that ended a program usually means. */
export function signalMeaning(signal: string): string {
  const meanings: Record<string, string> = {
    SIGSEGV: 'an invalid memory access',
    SIGBUS: 'a misaligned or unmapped memory access',
    SIGILL: 'an illegal instruction, e.g. a Rust trap or abort',
    SIGABRT: 'the program aborted',
    SIGFPE: 'an arithmetic fault',
    SIGKILL: 'killed from outside, e.g. by the out-of-memory killer',
  };
  return meanings[signal] ? ` (${meanings[signal]})` : '';
}
