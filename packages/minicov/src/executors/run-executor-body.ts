// Runs an executor's body and turns its outcome into Nx's `{ success }`: a MinicovError is printed for
// the user, anything else is a bug.
import { MinicovError } from '../errors';

/** Nx's executor result. */
export interface ExecutorResult {
  success: boolean;
}

/** Runs `body` (false means failure); prints a MinicovError's message (what happened, the fix) as a failure. */
export async function runExecutorBody(
  body: () => Promise<boolean | void>,
): Promise<ExecutorResult> {
  try {
    const outcome = await body();
    return { success: outcome !== false };
  } catch (error) {
    if (!(error instanceof MinicovError)) throw error;
    console.error(`\n${error.message}`);
    return { success: false };
  }
}
