// The Nx targets inferred for one opted-in crate: the toolchain report, the coverage chain and the PGO chain.
import type { TargetConfiguration } from '@nx/devkit';
import type { MinicovCrate } from '../model/crate-settings';
import { chainPaths, type Chain } from '../model/output-layout';
import type { ReportSettingsInput } from '../model/report-settings';
import { crateOptions } from '../model/step-options';
import { qemuArchForTarget } from '../toolchain/qemu';
import {
  BUILD_ENVIRONMENT,
  type Input,
  runnerInputs,
  sourceInputs,
  toolchainInputs,
  UPSTREAM_OUTPUTS,
} from './target-inputs';

const technologies = ['rust'];

/** What a crate's targets read besides the crate: found in the workspace by createNodes. */
export interface CrateSurroundings {
  llvmMajor: number | undefined;
  /** Workspace-relative directories of every crate it depends on by path. */
  pathDependencies: readonly string[];
  /** The runtime's C sources when the runtime is a path dependency with its C beside it (e.g. runtime/c). */
  runtimeCSources?: string;
  /** The plugin as an input (plugin-inputs.ts). */
  plugin: Input[];
}

/** Every inferred target for `crate` at `projectRoot`, keyed by target name. */
export function crateTargets(
  crate: MinicovCrate,
  projectRoot: string,
  { llvmMajor, pathDependencies, runtimeCSources, plugin }: CrateSurroundings,
  report: ReportSettingsInput = {},
): Record<string, TargetConfiguration> {
  const options = crateOptions(crate, llvmMajor);
  const toolchain = [...toolchainInputs(llvmMajor), ...plugin];
  const sources = sourceInputs(pathDependencies, runtimeCSources);
  const runner = runnerInputs(
    crate.runner === 'qemu' && crate.target ? qemuArchForTarget(crate.target) : undefined,
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
  /** One cached step target: its executor, options on top of the crate's, inputs, outputs and what it needs first. */
  const cachedTarget = (
    name: string,
    executor: string,
    extra: Record<string, unknown>,
    inputs: TargetConfiguration['inputs'],
    outputs: string[],
    dependsOn: string[],
    description: string,
  ): [string, TargetConfiguration] => [
    name,
    {
      executor: `minicov:${executor}`,
      options: { ...options, ...extra },
      inputs,
      outputs,
      dependsOn,
      cache: true,
      metadata: { description, technologies },
    },
  ];
  return {
    toolchain: {
      executor: 'minicov:toolchain',
      options,
      cache: false,
      metadata: {
        description:
          'Show every tool this crate uses (rustc, cargo, clang, llvm-profdata, llvm-cov, QEMU) and check it against the LLVM pin',
        technologies,
      },
    },
    ...Object.fromEntries([
      cachedTarget(
        'coverage-build',
        'instrument',
        { kind: 'coverage' },
        [...sources, ...toolchain, BUILD_ENVIRONMENT],
        [coverage.build],
        [],
        `Build the crate with coverage instrumentation (Rust and C)${crate.hostTests ? ", and its library's unit tests for the host," : ''} and check the binaries against the LLVM pin`,
      ),
      cachedTarget(
        'coverage-run',
        'run',
        { chain: 'coverage' },
        [UPSTREAM_OUTPUTS, ...toolchain, ...runner],
        [coverage.profiles],
        ['coverage-build'],
        `Run the instrumented program (${describeRunner(crate)})${crate.hostTests ? ' and its host unit tests' : ''} and collect the profiles`,
      ),
      cachedTarget(
        'coverage-merge',
        'merge',
        { chain: 'coverage' },
        [UPSTREAM_OUTPUTS, ...toolchain],
        [coverage.merged],
        ['coverage-run'],
        'Merge every profile of the coverage runs with llvm-profdata',
      ),
      cachedTarget(
        'coverage',
        'report',
        { ...report },
        [...sources, UPSTREAM_OUTPUTS, ...toolchain],
        [coverage.result],
        ['coverage-merge'],
        'Coverage report: lcov, Cobertura, HTML, a JSON summary and a terminal table, from an instrumented build run on its target',
      ),
    ]),
    // A library's unit tests measure coverage; there is no program to optimize.
    ...(crate.runner === 'test'
      ? {}
      : Object.fromEntries([
          cachedTarget(
            'pgo-build',
            'instrument',
            { kind: 'pgo-generate', ...pgoOnly },
            [...sources, ...toolchain, BUILD_ENVIRONMENT],
            [pgo.build],
            [],
            'Build the crate with profile-generate instrumentation (Rust and C) for PGO training',
          ),
          cachedTarget(
            'pgo-run',
            'run',
            { chain: 'pgo', ...pgoOnly },
            [UPSTREAM_OUTPUTS, ...toolchain, ...runner],
            [pgo.profiles],
            ['pgo-build'],
            `Run the training workload (${describeRunner(crate)}) and collect its profiles`,
          ),
          cachedTarget(
            'pgo-merge',
            'merge',
            { chain: 'pgo', ...pgoOnly },
            [UPSTREAM_OUTPUTS, ...toolchain],
            [pgo.merged],
            ['pgo-run'],
            'Merge the training profiles with llvm-profdata',
          ),
          cachedTarget(
            'pgo',
            'optimize',
            { ...pgoOnly },
            [...sources, UPSTREAM_OUTPUTS, ...toolchain, BUILD_ENVIRONMENT],
            [pgo.result],
            ['pgo-merge'],
            'Profile-guided optimized build: -Cprofile-use for Rust, -fprofile-use for C, with a check that the profile matched',
          ),
        ])),
  };
}

function describeRunner(crate: MinicovCrate): string {
  if (crate.runner === 'qemu') return `QEMU ${crate.machine}`;
  if (crate.runner === 'command') return crate.command?.[0] ?? 'a command';
  if (crate.runner === 'test') return 'its unit tests on the host';
  return 'on the host';
}
