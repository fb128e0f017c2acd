// `nx run workspace:coverage-report`: every crate's merged profile and binary, merged into one report.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { chainPaths, WORKSPACE_REPORT_PATHS } from '../../model/output-layout';
import { optionNames, parseReportSettings } from '../../model/report-settings';
import type { WorkspaceReportOptions } from '../../model/step-options';
import { mergeProfiles } from '../../profile/merge-profiles';
import { formatReportConsole, formatWrittenFiles } from '../../report/report-console';
import { coverageCounts, formatSummaryTable, type CoverageSummary } from '../../report/summary';
import {
  enforceThresholds,
  enforceUncoveredLimits,
  warnUnmeasuredThresholds,
} from '../../report/thresholds';
import {
  REPORT_FILES,
  writeCoverageReport,
  type WriteCoverageReportOptions,
} from '../../report/write-report';
import { fileDigest } from '../../fs/file-digest';
import { checkReportDirectory, readReportStamp } from '../../report/report-directory';
import { readLlvmPin } from '../../toolchain/llvm-pin';
import { findLlvmCxxfilt } from '../../toolchain/llvm-tools';
import { probeContextFor } from '../../toolchain/probe-context';
import { resolveToolchain } from '../../toolchain/resolve-toolchain';
import { coverageChainBinaries } from '../chain-binaries';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';
import { pluginVersion } from '../../fs/plugin-package';

/** Merges every member's profile, reports all binaries together, and prints the per-project breakdown. */
export default async function workspaceReportExecutor(
  options: WorkspaceReportOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const task = `${context.projectName}:${context.targetName}`;
    const settings = parseReportSettings(options, optionNames(task));
    const llvmMajor = readLlvmPin(options.llvmMajor);
    const root = context.root;
    const toolchain = await resolveToolchain(
      llvmMajor,
      { cModules: false, profdata: true, cov: true },
      probeContextFor(root),
    );
    const llvmProfdata = toolchain.llvmProfdata?.path as string;
    const llvmCov = toolchain.llvmCov?.path as string;
    const members = options.members.map((member) => ({
      member,
      paths: chainPaths(member.root, member.name, 'coverage'),
    }));
    const profiles = members.map(({ paths }) => join(root, paths.merged));
    const binaries = members.flatMap(({ member, paths }) =>
      coverageChainBinaries(member, join(root, paths.build)),
    );
    const breakdown: CoverageSummary = {
      files: [],
      totals: {
        lines: coverageCounts(0, 0),
        functions: coverageCounts(0, 0),
        regions: coverageCounts(0, 0),
      },
    };
    const llvmCxxfilt = findLlvmCxxfilt(probeContextFor(root), llvmMajor, llvmCov);
    for (const { member, paths } of members) {
      const binariesOfMember = coverageChainBinaries(member, join(root, paths.build));
      const totals = await memberTotals(join(root, member.reportDir ?? paths.result), {
        llvmCov,
        llvmCxxfilt,
        profdata: join(root, paths.merged),
        binaries: binariesOfMember,
        workspaceRoot: root,
      });
      breakdown.files.push({ file: member.name, ...totals });
    }
    const mergedProfile = join(root, WORKSPACE_REPORT_PATHS.merged);
    await mergeProfiles(
      llvmProfdata,
      profiles,
      mergedProfile,
      root,
      'run `nx run-many -t coverage` again from clean builds',
    );
    const outputDir = await checkReportDirectory(
      root,
      settings.outputDir ?? WORKSPACE_REPORT_PATHS.result,
      task,
      `option outputDir of ${task}`,
    );
    const summary = await writeCoverageReport({
      llvmCov,
      llvmCxxfilt,
      profdata: mergedProfile,
      binaries,
      workspaceRoot: root,
      outputDir: join(root, outputDir),
      task,
      formats: settings.formats,
      patterns: settings,
      producer: { version: `minicov ${pluginVersion()}` },
      onAnnotatedSource: settings.text ? (text) => console.log(`\n${text.trimEnd()}`) : undefined,
      onWarning: (warning) => console.warn(warning),
    });
    for (const warning of warnUnmeasuredThresholds(summary.totals, settings.failUnder, task))
      console.warn(warning);
    breakdown.totals = summary.totals;
    console.log(
      `\n${formatReportConsole(summary, settings.showMissingLines, 'File', settings.summaryOnly)}\n\n${formatSummaryTable(breakdown, 'Project')}\n`,
    );
    console.log(formatWrittenFiles(outputDir, settings.formats));
    enforceThresholds(
      summary.totals,
      settings.failUnder,
      'the workspace',
      `the threshold (option failUnder of ${task}, or fail-under in [workspace.metadata.minicov.report] of Cargo.toml)`,
    );
    enforceUncoveredLimits(
      summary.totals,
      settings.failUncovered,
      'the workspace',
      `the limit (option failUncovered of ${task}, or fail-uncovered in [workspace.metadata.minicov.report] of Cargo.toml)`,
    );
  });
}

/**
 * A member's totals: from its report's summary.json when its stamp shows it was written from the merged profile
 * there now, else (no JSON format, another directory, an older report) computed from that profile and its binaries
 * with the default filters.
 */
async function memberTotals(
  resultDir: string,
  input: Omit<WriteCoverageReportOptions, 'outputDir'>,
): Promise<CoverageSummary['totals']> {
  const stamp = await readReportStamp(resultDir);
  const current =
    stamp !== undefined &&
    stamp.profile === (await fileDigest(input.profdata).catch(() => undefined));
  const written = current
    ? await readFile(join(resultDir, REPORT_FILES.json), 'utf8').catch(() => undefined)
    : undefined;
  if (written !== undefined) return (JSON.parse(written) as CoverageSummary).totals;
  const scratch = await mkdtemp(join(tmpdir(), 'minicov-member-'));
  try {
    return (
      await writeCoverageReport({ ...input, outputDir: join(scratch, 'report'), formats: [] })
    ).totals;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
