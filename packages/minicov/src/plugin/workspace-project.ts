// The root project `workspace`, whose `coverage-report` target merges every crate's coverage into one report.
import type { ProjectConfiguration } from '@nx/devkit';
import type { ReportSettingsInput } from '../report/report-settings';
import { toolchainInputs, UPSTREAM_OUTPUTS } from './target-inputs';

/** One crate as the workspace report sees it. */
export interface ReportMember {
  name: string;
  root: string;
  bin: string;
  /** Its coverage chain also ran the library's host unit tests (`host-tests`): their binary is reported too. */
  hostTests?: boolean;
}

/** The name of the root project. */
export const WORKSPACE_PROJECT = 'workspace';

/** The root project with its `coverage-report` target over `members`. */
export function workspaceProject(
  members: ReportMember[],
  llvmMajor: number | undefined,
  report: ReportSettingsInput = {},
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
          '{workspaceRoot}/**/*.rs',
          '{workspaceRoot}/**/*.c',
          '{workspaceRoot}/**/*.h',
          '!{workspaceRoot}/target/**/*',
        ],
        outputs: ['{workspaceRoot}/coverage/workspace', '{workspaceRoot}/dist/minicov/workspace'],
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
