// Where a project's report target writes: its outputDir option as the project's configuration sets it.
import type { ExecutorContext } from '@nx/devkit';

/** The configured outputDir of `reportTarget` in the running project, or undefined when it sets none. */
export function configuredReportDir(
  context: ExecutorContext,
  reportTarget: string,
): string | undefined {
  const project = context.projectsConfigurations?.projects[context.projectName ?? ''];
  const outputDir = (
    project?.targets?.[reportTarget]?.options as { outputDir?: unknown } | undefined
  )?.outputDir;
  return typeof outputDir === 'string' ? outputDir : undefined;
}
