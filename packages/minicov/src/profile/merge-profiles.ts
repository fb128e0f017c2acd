// The one llvm-profdata call that merges raw or indexed profiles into an indexed profile, written whole or not at all.
import { outputOnFailure } from '../process/process-group';
import { replaceOutput } from '../fs/replace-output';
import { runTool } from '../process/run-tool';
import { ToolFailedError } from '../process/tool-errors';

/** Merges `profiles` into `output` with `llvmProfdata`; any unreadable input fails the merge. */
export async function mergeProfiles(
  llvmProfdata: string,
  profiles: readonly string[],
  output: string,
  cwd: string,
  fix: string,
): Promise<void> {
  await replaceOutput(
    output,
    async (staging) => {
      // "any": llvm-profdata fails if one input cannot be read ("all" would warn, leave it out and succeed).
      const args = ['merge', '--failure-mode=any', '-o', staging, ...profiles];
      await runTool(llvmProfdata, args, { cwd, fix }).catch((error: unknown) => {
        if (!(error instanceof ToolFailedError)) throw error;
        // Name the output the user knows, not the staging file that is about to be removed.
        const named = (text: string) => text.split(staging).join(output);
        throw new ToolFailedError(
          named(error.commandLine),
          error.exitStatus,
          named(error.stderr),
          error.fix,
          error.signal,
        );
      });
    },
    outputOnFailure,
  );
}
