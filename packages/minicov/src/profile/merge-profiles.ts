// Merges raw or indexed profiles into one indexed profile with llvm-profdata, written whole or not at all; profiles of
// binary-correlated programs are merged with the binary that holds their function records.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputOnFailure } from '../process/process-group';
import { replaceOutput } from '../fs/replace-output';
import { runTool } from '../process/run-tool';
import { ToolFailedError } from '../process/tool-errors';

/**
 * Merges `profiles` into `output` with `llvmProfdata`; any unreadable input fails the merge. `correlatedWith` maps each
 * profile written by a binary-correlated program to that binary: those are merged first, one llvm-profdata call per
 * binary (`--binary-file`), and their results merged with the rest.
 */
export async function mergeProfiles(
  llvmProfdata: string,
  profiles: readonly string[],
  output: string,
  cwd: string,
  fix: string,
  correlatedWith: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  await replaceOutput(
    output,
    async (staging) => {
      const merge = (inputs: readonly string[], to: string, binaryFile?: string) =>
        // "any": llvm-profdata fails if one input cannot be read ("all" would warn, leave it out and succeed).
        runTool(
          llvmProfdata,
          [
            'merge',
            '--failure-mode=any',
            ...(binaryFile ? [`--binary-file=${binaryFile}`] : []),
            '-o',
            to,
            ...inputs,
          ],
          { cwd, fix },
        ).catch((error: unknown) => {
          if (!(error instanceof ToolFailedError)) throw error;
          // Name the output the user knows, not the staging file that is about to be removed.
          const named = (text: string) => text.split(to).join(output);
          throw new ToolFailedError(
            named(error.commandLine),
            error.exitStatus,
            named(error.stderr),
            error.fix,
            error.signal,
          );
        });
      const byBinary = new Map<string, string[]>();
      for (const profile of profiles) {
        const binary = correlatedWith.get(profile);
        if (binary !== undefined) byBinary.set(binary, [...(byBinary.get(binary) ?? []), profile]);
      }
      if (byBinary.size === 0) return merge(profiles, staging);
      const scratch = await mkdtemp(join(tmpdir(), 'minicov-merge-'));
      try {
        const indexed: string[] = [];
        for (const [binary, group] of byBinary) {
          const part = join(scratch, `${indexed.length}.profdata`);
          await merge(group, part, binary);
          indexed.push(part);
        }
        const plain = profiles.filter((profile) => !correlatedWith.has(profile));
        await merge([...indexed, ...plain], staging);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
    outputOnFailure,
  );
}
