// Errors raised when an external tool cannot be started or fails: each names the command and the fix.
import { MinicovError } from '../errors';

/** The program is not on PATH (or the given path does not exist). */
export class ToolNotFoundError extends MinicovError {
  constructor(
    readonly tool: string,
    fix: string,
  ) {
    super(`${tool}: not found`, fix);
  }
}

/** The path exists but is not an executable file. */
export class ToolNotExecutableError extends MinicovError {
  constructor(
    readonly tool: string,
    fix: string,
  ) {
    super(`${tool}: not executable`, fix);
  }
}

/**
 * The program ran and exited with a failure status (or was killed by `signal`); carries its command line and stderr.
 */
export class ToolFailedError extends MinicovError {
  constructor(
    readonly commandLine: string,
    readonly exitStatus: string,
    readonly stderr: string,
    fix: string,
    readonly signal?: string,
    /** The program's stderr was already shown as it ran, so the message refers to it instead of repeating it. */
    stderrShown = false,
  ) {
    const detail = stderrShown
      ? '; its output is above'
      : stderr.trim()
        ? `:\n${indent(stderr.trim())}`
        : '';
    super(`${commandLine} failed (${exitStatus})${detail}`, fix);
  }
}

/** The program ran past its time limit and was killed. */
export class ToolTimedOutError extends MinicovError {
  constructor(
    readonly commandLine: string,
    readonly timeoutMs: number,
    fix: string,
  ) {
    super(`${commandLine} did not finish within ${timeoutMs / 1000} s and was stopped`, fix);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
