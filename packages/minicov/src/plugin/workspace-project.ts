// The root project (named after the root package.json, else `workspace`), whose `coverage-report` target merges
// every crate's coverage into one report.
import type { ProjectConfiguration } from '@nx/devkit';
import { WORKSPACE_REPORT_PATHS } from '../model/output-layout';
import type { ReportSettingsInput } from '../model/report-settings';
import type { ReportMember } from '../model/step-options';
import { toolchainInputs, UPSTREAM_OUTPUTS, type Input } from './target-inputs';
import type { TargetNames } from './target-names';

/** How the root project is named and what its report target reads. */
export interface WorkspaceProjectSettings {
  projectName: string;
  names: TargetNames;
  llvmMajor: number | undefined;
  report?: ReportSettingsInput;
  plugin?: Input[];
}

/** The root project with its workspace report target over `members`. */
export function workspaceProject(
  members: ReportMember[],
  { projectName, names, llvmMajor, report = {}, plugin = [] }: WorkspaceProjectSettings,
): Omit<ProjectConfiguration, 'root'> & { root: string } {
  return {
    name: projectName,
    root: '.',
    tags: ['minicov'],
    targets: {
      [names.workspaceReport]: {
        executor: 'minicov:workspace-report',
        options: { members, llvmMajor, ...report },
        dependsOn: [{ projects: members.map((member) => member.name), target: names.coverage }],
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
          help: {
            command: `npx nx run ${projectName}:${names.workspaceReport} --help`,
            example: { options: { failUnder: { lines: 80 } } },
          },
        },
      },
    },
  };
}
