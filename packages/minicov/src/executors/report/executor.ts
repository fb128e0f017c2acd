// `coverage` (report step): llvm-cov turns the merged profile and the instrumented binary
// into lcov, Cobertura, HTML and a summary.
import { chainStepTarget, chainTargetFrom } from '../../model/chain-targets';
import { stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { pathDependencyDirectories } from '../../cargo/path-dependencies';
import { runtimeSourceDirectory } from '../../cargo/runtime-sources';
import { resolveStepContext } from '../../context';
import { optionNames, parseReportSettings } from '../../model/report-settings';
import type { ReportOptions } from '../../model/step-options';
import { formatReportConsole, formatWrittenFiles } from '../../report/report-console';
import {
  enforceThresholds,
  enforceUncoveredLimits,
  warnUnmeasuredThresholds,
} from '../../report/thresholds';
import { writeCoverageReport } from '../../report/write-report';
import { checkReportDirectory } from '../../report/report-directory';
import { failOnFailedRuns } from '../../run/failed-runs';
import { findLlvmCxxfilt } from '../../toolchain/llvm-tools';
import { probeContextFor } from '../../toolchain/probe-context';
import { checkBuildOutput, checkSourcesUnchanged } from '../build-record';
import { coverageChainBinaries } from '../chain-binaries';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';
import { pluginVersion } from '../../fs/plugin-package';

/**
 * Writes the coverage report into the project's coverage directory, prints the summary table, and applies failUnder.
 */
export default async function reportExecutor(
  options: ReportOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const task = `${context.projectName}:${context.targetName}`;
    const chainTarget = chainTargetFrom(context.targetName, undefined, 'coverage');
    const settings = parseReportSettings(options, optionNames(task));
    const step = await resolveStepContext(options, context, 'coverage', {
      cModules: false,
      profdata: false,
      cov: true,
    });
    const llvmCov = step.toolchain.llvmCov?.path as string;
    const dependencies = pathDependencyDirectories(
      step.workspaceRoot,
      join(step.projectRoot, 'Cargo.toml'),
    );
    const binaries = coverageChainBinaries(options, step.abs(step.paths.build));
    await checkBuildOutput(
      step.abs(step.paths.build),
      binaries,
      `${step.projectName}:${chainStepTarget(chainTarget, 'build')}`,
      step.workspaceRoot,
    );
    await checkSourcesUnchanged(
      step.abs(step.paths.build),
      step.workspaceRoot,
      `${step.projectName}:${chainStepTarget(chainTarget, 'build')}`,
      `${step.projectName}:${chainTarget}`,
    );
    // llvm-cov warns that the profile may be out of date when a binary is newer (a rebuild whose run and merge came
    // from the cache); the checks above proved both belong to this build, so the profile is made the newest.
    const newest = Math.max(
      Date.now(),
      ...(await Promise.all(binaries.map((binary) => stat(binary).then((info) => info.mtimeMs)))),
    );
    await utimes(step.abs(step.paths.merged), new Date(newest), new Date(newest)).catch(
      () => undefined,
    );
    const outputDir = await checkReportDirectory(
      step.workspaceRoot,
      settings.outputDir ?? step.paths.result,
      task,
      `option outputDir of ${task}`,
      step.projectRoot,
    );
    const warnings: string[] = [];
    const summary = await writeCoverageReport({
      llvmCov,
      llvmCxxfilt: findLlvmCxxfilt(probeContextFor(step.workspaceRoot), step.llvmMajor, llvmCov),
      profdata: step.abs(step.paths.merged),
      binaries,
      workspaceRoot: step.workspaceRoot,
      runtimeDir: runtimeSourceDirectory(step.workspaceRoot, dependencies),
      outputDir: step.abs(outputDir),
      task,
      formats: settings.formats,
      patterns: settings,
      producer: { version: `minicov ${pluginVersion()}` },
      onAnnotatedSource: settings.text ? (text) => console.log(`\n${text.trimEnd()}`) : undefined,
      onWarning: (warning) => warnings.push(warning),
    });
    for (const warning of [
      ...warnings,
      ...warnUnmeasuredThresholds(summary.totals, settings.failUnder, task),
    ])
      console.warn(warning);
    console.log(
      `\n${formatReportConsole(summary, settings.showMissingLines, 'File', settings.summaryOnly)}\n`,
    );
    console.log(formatWrittenFiles(outputDir, settings.formats));
    await failOnFailedRuns(step.abs(step.paths.profiles), `${step.projectName}:${chainTarget}`);
    enforceThresholds(
      summary.totals,
      settings.failUnder,
      step.projectName,
      `the threshold (option failUnder of ${task}, or fail-under in [package.metadata.minicov.report] of ${join(step.projectRoot, 'Cargo.toml')})`,
    );
    enforceUncoveredLimits(
      summary.totals,
      settings.failUncovered,
      step.projectName,
      `the limit (option failUncovered of ${task}, or fail-uncovered in [package.metadata.minicov.report] of ${join(step.projectRoot, 'Cargo.toml')})`,
    );
  });
}
