// The Nx targets inferred for one opted-in crate: the toolchain report, the coverage chain and the PGO chain.
import { runsInQemu } from '../model/crate-settings';
import type { TargetConfiguration } from '@nx/devkit';
import type { MinicovCrate } from '../model/crate-settings';
import { chainPaths, type Chain } from '../model/output-layout';
import type { ReportSettingsInput } from '../model/report-settings';
import { crateOptions } from '../model/step-options';
import { qemuArchForTarget } from '../model/qemu-arch';
import { CHAIN_TARGET_ORDER, type ChainStep } from '../model/chain-targets';
import { chainTargetName, openTargetName, type TargetNames } from './target-names';
import {
  BUILD_ENVIRONMENT,
  type Input,
  runnerInputs,
  sourceInputs,
  toolchainInputs,
  UPSTREAM_OUTPUTS,
} from './target-inputs';

const technologies = ['rust'];

/** The `help` metadata of a target: the command that shows its options, and an example. */
type HelpMetadata = NonNullable<NonNullable<TargetConfiguration['metadata']>['help']>;

/** A report target's output: its `outputDir` option, so a directory given in project.json or a command is cached. */
export const REPORT_OUTPUT = '{options.outputDir}';

/** What a crate's targets read besides the crate: found in the workspace by createNodes. */
export interface CrateSurroundings {
  /** The names the targets get (plugin options). */
  names: TargetNames;
  llvmMajor: number | undefined;
  /**
   * Workspace-relative directories of the crates it depends on by path (transitively) that are not projects; the
   * projects among its dependencies are hashed through their own named input (`^minicovSources`).
   */
  otherCrates: readonly string[];
  /** The runtime's C sources when the runtime is a path dependency with its C beside it (e.g. runtime/c). */
  runtimeCSources?: string;
  /** The plugin as an input (plugin-inputs.ts). */
  plugin: Input[];
}

/** Every inferred target for `crate` at `projectRoot`, keyed by target name. */
export function crateTargets(
  crate: MinicovCrate,
  projectRoot: string,
  { names, llvmMajor, otherCrates, runtimeCSources, plugin }: CrateSurroundings,
  report: ReportSettingsInput = {},
): Record<string, TargetConfiguration> {
  const options = crateOptions(crate, llvmMajor);
  const toolchain = [...toolchainInputs(llvmMajor), ...plugin];
  const sources = sourceInputs(otherCrates, runtimeCSources);
  const runner = runnerInputs(
    runsInQemu(crate) && crate.target ? qemuArchForTarget(crate.target) : undefined,
  );
  const out = (chain: Chain) => {
    const paths = chainPaths(projectRoot, crate.name, chain);
    const at = (path: string) => `{workspaceRoot}/${path}`;
    return {
      build: at(paths.build),
      profiles: at(paths.profiles),
      merged: at(paths.merged),
      result: at(paths.result),
    };
  };
  const coverage = out('coverage');
  const pgo = out('pgo');
  // PGO trains on the program alone, and only on runs that pass: host-tests and merge-failed-runs leave its chain and
  // cache alone.
  const pgoOnly = { hostTests: false, mergeFailedRuns: false };
  const name = (chain: Chain, step?: ChainStep) => chainTargetName(names, chain, step);
  /** `help` metadata: Nx shows the executor's options (`nx run <project>:<target> --help`) and an example. */
  const help = (target: string, example: Record<string, unknown>) => ({
    command: `npx nx run ${crate.name}:${target} --help`,
    example: { options: example },
  });
  /** One cached step target: its executor, options on top of the crate's, inputs, outputs and what it needs first. */
  const cachedTarget = (
    target: string,
    executor: string,
    extra: Record<string, unknown>,
    inputs: TargetConfiguration['inputs'],
    outputs: string[],
    dependsOn: string[],
    description: string,
    example: Record<string, unknown> = {},
  ): [string, TargetConfiguration] => [
    target,
    {
      executor: `minicov:${executor}`,
      options: { ...options, ...extra },
      inputs,
      outputs,
      dependsOn,
      cache: true,
      metadata: { description, technologies, help: help(target, example) },
    },
  ];
  return {
    [names.toolchain]: {
      executor: 'minicov:toolchain',
      options,
      cache: false,
      metadata: {
        description:
          'Show every tool this crate uses (rustc, cargo, clang, llvm-profdata, llvm-cov, QEMU) and check it against the LLVM pin',
        technologies,
        help: help(names.toolchain, {}),
      },
    },
    ...Object.fromEntries([
      cachedTarget(
        name('coverage', 'build'),
        'instrument',
        { kind: 'coverage' },
        [...sources, ...toolchain, BUILD_ENVIRONMENT],
        [coverage.build],
        [],
        `Build the crate with coverage instrumentation (Rust and C)${crate.hostTests ? ", and its library's unit tests for the host," : ''} and check the binaries against the LLVM pin`,
      ),
      cachedTarget(
        name('coverage', 'run'),
        'run',
        { chain: 'coverage' },
        [UPSTREAM_OUTPUTS, ...toolchain, ...runner],
        [coverage.profiles],
        [name('coverage', 'build')],
        `Run the instrumented program (${describeRunner(crate)})${crate.hostTests ? ' and its host unit tests' : ''} and collect the profiles`,
      ),
      cachedTarget(
        name('coverage', 'merge'),
        'merge',
        { chain: 'coverage' },
        [UPSTREAM_OUTPUTS, ...toolchain],
        [coverage.merged],
        [name('coverage', 'run')],
        'Merge every profile of the coverage runs with llvm-profdata',
      ),
      cachedTarget(
        name('coverage'),
        'report',
        { outputDir: chainPaths(projectRoot, crate.name, 'coverage').result, ...report },
        [...sources, UPSTREAM_OUTPUTS, ...toolchain],
        [REPORT_OUTPUT],
        [name('coverage', 'merge')],
        'Coverage report: lcov, Cobertura, HTML, a JSON summary and a terminal table, from an instrumented build run on its target',
        { failUnder: { lines: 80 }, showMissingLines: true },
      ),
    ]),
    // A library's unit tests measure coverage; there is no program to optimize.
    ...(crate.runner === 'test'
      ? {}
      : Object.fromEntries([
          cachedTarget(
            name('pgo', 'build'),
            'instrument',
            { kind: 'pgo-generate', ...pgoOnly },
            [...sources, ...toolchain, BUILD_ENVIRONMENT],
            [pgo.build],
            [],
            'Build the crate with profile-generate instrumentation (Rust and C) for PGO training',
          ),
          cachedTarget(
            name('pgo', 'run'),
            'run',
            { chain: 'pgo', ...pgoOnly },
            [UPSTREAM_OUTPUTS, ...toolchain, ...runner],
            [pgo.profiles],
            [name('pgo', 'build')],
            `Run the training workload (${describeRunner(crate)}) and collect its profiles`,
          ),
          cachedTarget(
            name('pgo', 'merge'),
            'merge',
            { chain: 'pgo', ...pgoOnly },
            [UPSTREAM_OUTPUTS, ...toolchain],
            [pgo.merged],
            [name('pgo', 'run')],
            'Merge the training profiles with llvm-profdata',
          ),
          cachedTarget(
            name('pgo'),
            'optimize',
            { ...pgoOnly },
            [...sources, UPSTREAM_OUTPUTS, ...toolchain, BUILD_ENVIRONMENT],
            [pgo.result],
            [name('pgo', 'merge')],
            'Profile-guided optimized build: -Cprofile-use for Rust, -fprofile-use for C, with a check that the profile matched',
          ),
        ])),
    ...utilityTargets(names.coverage, names.clean, help),
  };
}

/**
 * The uncached targets beside a report target: `<report>-open` (its HTML page in the browser, after the report; the
 * report gets the same command-line options) and the clean target.
 */
export function utilityTargets(
  reportTarget: string,
  cleanTarget: string,
  help: (target: string, example: Record<string, unknown>) => HelpMetadata,
): Record<string, TargetConfiguration> {
  const open = openTargetName(reportTarget);
  return {
    [open]: {
      executor: 'minicov:open-report',
      options: { reportTarget },
      dependsOn: [{ target: reportTarget, params: 'forward' }],
      cache: false,
      metadata: {
        description: `Open the HTML page of the ${reportTarget} report in the browser (BROWSER, else the desktop's opener)`,
        technologies,
        help: help(open, {}),
      },
    },
    [cleanTarget]: {
      executor: 'minicov:clean',
      options: { reportTarget },
      cache: false,
      metadata: {
        description: "Remove minicov's builds, profiles and report for this project",
        technologies,
        help: help(cleanTarget, {}),
      },
    },
  };
}

function describeRunner(crate: MinicovCrate): string {
  if (crate.runner === 'qemu') return `QEMU ${crate.machine}`;
  if (crate.runner === 'gdb')
    return crate.gdbServer?.length
      ? `under ${crate.gdbServer[0]}, to ${crate.stopSymbol}`
      : `QEMU ${crate.machine} under GDB, to ${crate.stopSymbol}`;
  if (crate.runner === 'command') return crate.command?.[0] ?? 'a command';
  if (crate.runner === 'test') return 'its unit tests on the host';
  return 'on the host';
}

/** The project's target groups (Nx shows them together): each chain's steps, with the toolchain check. */
export function crateTargetGroups(
  names: TargetNames,
  targets: Record<string, TargetConfiguration>,
): Record<string, string[]> {
  const group = (chain: Chain) =>
    [
      names.toolchain,
      ...CHAIN_TARGET_ORDER.map((step) => chainTargetName(names, chain, step)),
    ].filter((target) => target in targets);
  const pgo = group('pgo');
  const coverage = [...group('coverage'), openTargetName(names.coverage)];
  return {
    Coverage: coverage.filter((target) => target in targets),
    ...(pgo.length > 1 ? { PGO: pgo } : {}),
  };
}
