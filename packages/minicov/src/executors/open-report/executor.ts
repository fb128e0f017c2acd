// `<coverage>-open`: opens the HTML page of the report its report target has just written (or replayed from the cache).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { MinicovError } from '../../errors';
import type { OpenReportOptions } from '../../model/step-options';
import { openInBrowser } from '../../process/open-in-browser';
import { REPORT_FILES } from '../../report/write-report';
import { configuredReportDir } from '../report-target-dir';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';

/** The report directory holds no HTML page. */
export class NoHtmlReportError extends MinicovError {}

/** Opens `<outputDir>/html/index.html` with the desktop's browser. */
export default async function openReportExecutor(
  options: OpenReportOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const reportTask = `${context.projectName}:${options.reportTarget}`;
    const outputDir = options.outputDir ?? configuredReportDir(context, options.reportTarget);
    if (outputDir === undefined)
      throw new NoHtmlReportError(
        `${reportTask} has no outputDir option, so there is no report to open`,
        `give ${context.projectName}:${context.targetName} the report's directory with --outputDir`,
      );
    const page = join(context.root, outputDir, REPORT_FILES.html);
    const isFile = await stat(page).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!isFile)
      throw new NoHtmlReportError(
        `${join(outputDir, REPORT_FILES.html)} does not exist: the report of ${reportTask} was written without its HTML page`,
        `add "html" to the formats of ${reportTask} (option formats, or formats in [package.metadata.minicov.report] of Cargo.toml)`,
      );
    const command = await openInBrowser(page, context.root);
    console.log(`minicov: opened ${join(outputDir, REPORT_FILES.html)} (${command})`);
  });
}
