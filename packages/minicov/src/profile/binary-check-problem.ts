// What a post-build check of an instrumented binary can find wrong, and the error that lists it all.
import { MinicovError } from '../errors';

/** The kinds of problem a binary check reports. */
export type BinaryProblemKind =
  | 'unreadable'
  | 'unsupported-llvm'
  | 'not-instrumented'
  | 'no-counters'
  | 'profile-version'
  | 'record-layout'
  | 'counter-range'
  | 'compiler-version'
  | 'layout'
  | 'correlation';

/** One thing wrong with the binary: what was found, and what to do about it. */
export interface BinaryProblem {
  kind: BinaryProblemKind;
  message: string;
  fix: string;
}

/** The instrumented binary must not be run: it lists every problem found and each fix. */
export class BinaryCheckError extends MinicovError {
  constructor(
    readonly path: string,
    readonly problems: readonly BinaryProblem[],
  ) {
    const [only] = problems;
    const summary =
      problems.length === 1 && only
        ? `${path}: ${only.message}`
        : `${path}: ${problems.length} problems; do not run this binary:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`;
    super(summary, [...new Set(problems.map((p) => p.fix))].join('\n  fix: '));
  }
}
