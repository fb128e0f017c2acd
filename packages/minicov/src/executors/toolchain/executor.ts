// `nx run <project>:toolchain`: prints the resolved toolchain table and fails on any mismatch.
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { MinicovError } from '../../errors';
import { readLlvmPin } from '../../toolchain/llvm-pin';
import { probeContextFor } from '../../toolchain/probe-context';
import { probeToolchain } from '../../toolchain/resolve-toolchain';
import { judgeToolchain } from '../../toolchain/judge-toolchain';
import { allUsable, formatToolchainReport } from '../../toolchain/toolchain-report';
import { toolchainNeeds, type CrateOptions } from '../crate-options';
import { projectRootOf } from '../project-root';

/** Prints tool, path, version, LLVM major and verdict for every tool the crate uses. */
export default async function toolchainExecutor(
  options: CrateOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  try {
    const llvmMajor = readLlvmPin(options.llvmMajor);
    const cwd = join(context.root, projectRootOf(context));
    const needs = toolchainNeeds(options);
    const rows = judgeToolchain(
      llvmMajor,
      needs,
      await probeToolchain(llvmMajor, needs, probeContextFor(cwd)),
    );
    console.log(formatToolchainReport(rows, llvmMajor));
    const usable = allUsable(rows);
    console.log(
      usable
        ? '\nEvery tool is on the pinned LLVM major.'
        : '\nToolchain check failed: apply the fixes above.',
    );
    return { success: usable };
  } catch (error) {
    if (!(error instanceof MinicovError)) throw error;
    console.error(error.message);
    return { success: false };
  }
}
