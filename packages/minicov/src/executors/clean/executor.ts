// `minicov-clean`: removes what minicov's steps wrote for a crate (or, on the root project, for the whole workspace).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { chainPaths, projectOutputDir, WORKSPACE_REPORT_PATHS } from '../../model/output-layout';
import type { CleanOptions } from '../../model/step-options';
import { readReportStamp } from '../../report/report-directory';
import { configuredReportDir } from '../report-target-dir';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';

/** minicov's own directories under `dist/` and `target/`, which nothing else writes. */
const MINICOV_DIRS = [join('dist', 'minicov'), join('target', 'minicov')];

/** Removes the project's minicov directories and its report (only where the stamp shows the report is its own). */
export default async function cleanExecutor(
  options: CleanOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const project = context.projectName as string;
    const root = context.projectsConfigurations?.projects[project]?.root ?? '.';
    const reportTask = `${project}:${options.reportTarget}`;
    const reportDir =
      configuredReportDir(context, options.reportTarget) ??
      (options.workspace
        ? WORKSPACE_REPORT_PATHS.result
        : chainPaths(root, project, 'coverage').result);
    const builds = options.workspace
      ? MINICOV_DIRS
      : [join('dist', 'minicov', projectOutputDir(root)), join('target', 'minicov', project)];
    const removed: string[] = [];
    for (const dir of builds) {
      if (await exists(join(context.root, dir))) {
        await rm(join(context.root, dir), { recursive: true, force: true });
        removed.push(dir);
      }
    }
    const report = join(context.root, reportDir);
    if (await exists(report)) {
      const stamp = await readReportStamp(report);
      const empty = (await readdir(report).catch(() => [])).length === 0;
      if (stamp?.task === reportTask || empty) {
        await rm(report, { recursive: true, force: true });
        removed.push(reportDir);
      } else {
        console.warn(
          `minicov: kept ${reportDir}: it holds no report of ${reportTask} (its ${stamp ? `stamp names ${stamp.task}` : 'files have no minicov stamp'}); remove it yourself if it is not needed`,
        );
      }
    }
    console.log(
      removed.length === 0
        ? `minicov: nothing to remove for ${project}`
        : `minicov: removed ${removed.join(', ')}\nminicov: Nx's cache still holds the steps' outputs; add --skip-nx-cache to the next run to build everything again`,
    );
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
