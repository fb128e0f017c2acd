// Turns a step's outcome into Nx's `{ success }`: a MinicovError is printed for the user, anything else is a bug.
import { MinicovError } from '../errors';

/** Nx's executor result. */
export interface ExecutorResult {
  success: boolean;
}

/** Runs `step`; prints a MinicovError's message (what happened and the fix) and reports failure. */
export async function runStep(step: () => Promise<boolean | void>): Promise<ExecutorResult> {
  try {
    const outcome = await step();
    return { success: outcome !== false };
  } catch (error) {
    if (!(error instanceof MinicovError)) throw error;
    console.error(`\n${error.message}`);
    return { success: false };
  }
}
