// The one llvm-profdata call that merges raw or indexed profiles into an indexed profile, written whole or not at all.
import { replaceOutput } from '../fs/replace-output';
import { runTool } from '../process/run-tool';

/** Merges `profiles` into `output` with `llvmProfdata`; any unreadable input fails the merge. */
export async function mergeProfiles(llvmProfdata: string, profiles: readonly string[], output: string, cwd: string, fix: string): Promise<void> {
  // "any": llvm-profdata fails if one input cannot be read ("all" would warn, leave it out and succeed).
  await replaceOutput(output, (staging) => runTool(llvmProfdata, ['merge', '--failure-mode=any', '-o', staging, ...profiles], { cwd, fix }));
}
