// Error for a tool whose version output cannot be understood.
import { MinicovError } from '../errors';

/** A tool printed something that is not a version line minicov knows how to read. */
export class UnparseableVersionError extends MinicovError {
  constructor(
    readonly tool: string,
    readonly output: string,
  ) {
    const shown = output.trim().split('\n').slice(0, 3).join(' | ') || '(nothing)';
    super(
      `${tool}: cannot read a version from its output: "${shown}"`,
      `check that ${tool} is the real program (run it with --version by hand), or point minicov at another one`,
    );
  }
}
