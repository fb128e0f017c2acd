// The root project `workspace`, whose `coverage-report` target merges every crate's coverage into one report.
import type { ProjectConfiguration } from '@nx/devkit';
import { WORKSPACE_REPORT_PATHS } from '../model/output-layout';
import type { ReportSettingsInput } from '../model/report-settings';
import type { ReportMember } from '../model/step-options';
import { toolchainInputs, UPSTREAM_OUTPUTS, type Input } from './target-inputs';

/** The name of the root project. */
export const WORKSPACE_PROJECT = 'workspace';

/** The root project with its `coverage-report` target over `members`. */
export function workspaceProject(
  members: ReportMember[],
  llvmMajor: number | undefined,
  report: ReportSettingsInput = {},
  plugin: Input[] = [],
): Omit<ProjectConfiguration, 'root'> & { root: string } {
  return {
    name: WORKSPACE_PROJECT,
    root: '.',
    tags: ['minicov'],
    targets: {
      'coverage-report': {
        executor: 'minicov:workspace-report',
        options: { members, llvmMajor, ...report },
        dependsOn: [{ projects: members.map((member) => member.name), target: 'coverage' }],
        inputs: [
          UPSTREAM_OUTPUTS,
          ...toolchainInputs(llvmMajor),
          ...plugin,
          '{workspaceRoot}/**/*.rs',
          '{workspaceRoot}/**/*.c',
          '{workspaceRoot}/**/*.h',
          '!{workspaceRoot}/target/**/*',
        ],
        outputs: [WORKSPACE_REPORT_PATHS.result, WORKSPACE_REPORT_PATHS.dist].map(
          (path) => `{workspaceRoot}/${path}`,
        ),
        cache: true,
        metadata: {
          description:
            "One coverage report for the whole workspace: every crate's profiles and binaries merged, with a per-project breakdown",
          technologies: ['rust'],
        },
      },
    },
  };
}
