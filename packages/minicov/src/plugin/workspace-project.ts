// The root project (named after the root package.json, else `workspace`), whose `coverage-report` target merges
// every crate's coverage into one report.
import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import { WORKSPACE_REPORT_PATHS } from '../model/output-layout';
import type { ReportSettingsInput } from '../model/report-settings';
import type { ReportMember } from '../model/step-options';
import { toolchainInputs, UPSTREAM_OUTPUTS, type Input } from './target-inputs';
import type { TargetNames } from './target-names';
import { REPORT_OUTPUT, utilityTargets } from './crate-targets';

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
  const help = (target: string, example: Record<string, unknown>) => ({
    command: `npx nx run ${projectName}:${target} --help`,
    example: { options: example },
  });
  const utilities = utilityTargets(names.workspaceReport, names.clean, help);
  const clean = utilities[names.clean] as TargetConfiguration;
  return {
    name: projectName,
    root: '.',
    tags: ['minicov'],
    targets: {
      ...utilities,
      // Each crate removes its own report first, wherever its outputDir puts it.
      [names.clean]: {
        ...clean,
        options: { ...clean.options, workspace: true },
        dependsOn: [{ projects: members.map((member) => member.name), target: names.clean }],
        metadata: {
          ...clean.metadata,
          description:
            "Remove everything minicov wrote in the workspace: every crate's builds, profiles and report, the shared standard library builds and the workspace report",
        },
      },
      [names.workspaceReport]: {
        executor: 'minicov:workspace-report',
        options: { members, llvmMajor, outputDir: WORKSPACE_REPORT_PATHS.result, ...report },
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
        outputs: [REPORT_OUTPUT, `{workspaceRoot}/${WORKSPACE_REPORT_PATHS.dist}`],
        cache: true,
        metadata: {
          description:
            "One coverage report for the whole workspace: every crate's profiles and binaries merged, with a per-project breakdown",
          technologies: ['rust'],
          help: help(names.workspaceReport, { failUnder: { lines: 80 } }),
        },
      },
    },
  };
}
