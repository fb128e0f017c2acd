// `nx run <project>:toolchain`: prints the resolved toolchain table and fails on any mismatch.
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { readLlvmPin } from '../../toolchain/llvm-pin';
import { probeContextFor } from '../../toolchain/probe-context';
import { probeToolchain } from '../../toolchain/resolve-toolchain';
import { judgeToolchain } from '../../toolchain/judge-toolchain';
import { allUsable, formatToolchainReport } from '../../toolchain/toolchain-report';
import { projectRootOf } from '../../context';
import type { CrateOptions } from '../../model/step-options';
import { toolchainNeeds } from '../crate-toolchain-needs';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';

/** Prints tool, path, version, LLVM major and verdict for every tool the crate uses. */
export default async function toolchainExecutor(
  options: CrateOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
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
    return usable;
  });
}
