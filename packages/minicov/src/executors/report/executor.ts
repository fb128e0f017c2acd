// `coverage` (report step): llvm-cov turns the merged profile and the instrumented binary into lcov, HTML and a summary.
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { pathDependencyDirectories } from '../../cargo/path-dependencies';
import { runtimeSourceDirectory } from '../../cargo/runtime-sources';
import { resolveStepContext } from '../../context';
import { writeCoverageReport } from '../../report/write-report';
import { formatSummaryTable } from '../../report/summary';
import { findLlvmCxxfilt } from '../../toolchain/llvm-tools';
import { probeContextFor } from '../../toolchain/probe-context';
import type { CrateOptions } from '../crate-options';
import { runStep, type ExecutorResult } from '../executor-result';

/** Writes the coverage report into the project's coverage directory and prints the summary table. */
export default async function reportExecutor(options: CrateOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runStep(async () => {
    const step = await resolveStepContext(options, context, 'coverage', { cModules: false, profdata: false, cov: true });
    const llvmCov = step.toolchain.llvmCov?.path as string;
    const dependencies = pathDependencyDirectories(step.workspaceRoot, join(step.projectRoot, 'Cargo.toml'));
    const warnings: string[] = [];
    const summary = await writeCoverageReport({
      llvmCov,
      llvmCxxfilt: findLlvmCxxfilt(probeContextFor(step.workspaceRoot), step.llvmMajor, llvmCov),
      profdata: step.abs(step.paths.merged),
      binaries: [step.abs(join(step.paths.build, options.bin))],
      workspaceRoot: step.workspaceRoot,
      runtimeDir: runtimeSourceDirectory(step.workspaceRoot, dependencies),
      outputDir: step.abs(step.paths.result),
      onWarning: (warning) => warnings.push(warning),
    });
    for (const warning of warnings) console.warn(warning);
    console.log(`\n${formatSummaryTable(summary)}\n`);
    console.log(`minicov: lcov ${join(step.paths.result, 'lcov.info')}, HTML ${join(step.paths.result, 'html', 'index.html')}`);
  });
}
