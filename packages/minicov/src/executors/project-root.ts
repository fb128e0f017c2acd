// The running project's root directory, relative to the workspace, from an executor's context.
import type { ExecutorContext } from '@nx/devkit';
import { MinicovError } from '../errors';

/** The project root of the task being run; throws when Nx gave no project (a target run outside a project). */
export function projectRootOf(context: ExecutorContext): string {
  const name = context.projectName;
  const project = name ? context.projectsConfigurations?.projects[name] : undefined;
  if (!project) {
    throw new MinicovError(
      'minicov executors run for a project, and Nx gave none',
      'run the target as `nx run <project>:<target>`',
    );
  }
  return project.root;
}
