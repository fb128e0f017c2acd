// The inputs Nx hashes for each step, so a change re-runs exactly the steps it affects.
import type { TargetConfiguration } from '@nx/devkit';

/** One entry of a target's `inputs`. */
export type Input = NonNullable<TargetConfiguration['inputs']>[number];

/** Environment variables that change which tool runs or what the runtime compiles. */
const TOOL_ENV = [
  'RUSTC',
  'CARGO',
  'CC',
  'AR',
  'LLVM_PROFDATA',
  'LLVM_COV',
  'QEMU_SYSTEM',
  'MINICOV_VALUE_POOL_BYTES',
];

/** The toolchain as inputs: its pin files, override variables and the versions the tools report. */
export function toolchainInputs(llvmMajor: number | undefined): Input[] {
  const major = llvmMajor ?? 22;
  return [
    '{workspaceRoot}/rust-toolchain.toml',
    '{workspaceRoot}/rust-toolchain',
    ...TOOL_ENV.map((env) => ({ env })),
    // Runtime inputs run in a shell at the workspace root, where rustup honours rust-toolchain.toml.
    { runtime: 'rustc -vV 2>&1 || true' },
    { runtime: `"\${CC:-clang-${major}}" --version 2>&1 || true` },
  ];
}

/**
 * Environment that changes what cargo, rustc, clang or the runtime's build script produce: cargo's profile, build
 * and target settings, encoded rustflags, C compiler flags build scripts read, and minicov's own settings. Nx takes
 * only exact names as env inputs, so the variables are listed by a shell (sorted, so their order never matters).
 */
export const BUILD_ENVIRONMENT: Input = {
  runtime:
    "env | grep -E '^(CARGO_PROFILE_|CARGO_BUILD_|CARGO_ENCODED_RUSTFLAGS=|CARGO_TARGET_[A-Z0-9_]+_(RUSTFLAGS|LINKER|RUNNER)=|CARGO_UNSTABLE_|RUSTDOCFLAGS=|(TARGET_|HOST_)?C(XX)?FLAGS|CFLAGS_|CXXFLAGS_|AR_|CC_|MINICOV_)' | LC_ALL=C sort || true",
};

/**
 * The named input of a crate's own sources, which every crate project defines (unless the workspace's nx.json defines
 * it for all) and each step hashes for the crate and, as `^minicovSources`, for every project it depends on.
 */
export const CRATE_SOURCES_INPUT = 'minicovSources';

/** A crate's own sources: everything under it but its build directory, documentation and test scripts. */
export const CRATE_SOURCES: Input[] = [
  '{projectRoot}/**/*',
  '!{projectRoot}/target/**/*',
  // Documentation and test scripts are not compiled: changing them re-runs nothing.
  '!{projectRoot}/**/*.md',
  '!{projectRoot}/**/*.ts',
];

/**
 * Everything a build reads: the crate and the projects it depends on (their named input), the crates it depends on by
 * path that are not projects (`otherCrates`, listed by directory), the runtime's C sources (built by the runtime
 * crate's build script from beside it), the cargo workspace files. Each project's files are listed once, by itself,
 * however many crates depend on it.
 */
export function sourceInputs(otherCrates: readonly string[], runtimeCSources?: string): Input[] {
  return [
    CRATE_SOURCES_INPUT,
    `^${CRATE_SOURCES_INPUT}`,
    ...otherCrates.flatMap((directory) => [
      `{workspaceRoot}/${directory}/**/*`,
      `!{workspaceRoot}/${directory}/target/**/*`,
    ]),
    ...(runtimeCSources ? [`{workspaceRoot}/${runtimeCSources}/**/*`] : []),
    '{workspaceRoot}/Cargo.toml',
    '{workspaceRoot}/Cargo.lock',
    '{workspaceRoot}/.cargo/config.toml',
  ];
}

/** The outputs of the steps this one depends on (binaries, profiles), wherever they are in the chain. */
export const UPSTREAM_OUTPUTS: Input = { dependentTasksOutputFiles: '**/*', transitive: true };

/** For QEMU runs, the emulator's version: a new QEMU re-runs the runs, and nothing else. */
export function runnerInputs(qemuArch: string | undefined): Input[] {
  return qemuArch
    ? [{ runtime: `"\${QEMU_SYSTEM:-qemu-system-${qemuArch}}" --version 2>&1 || true` }]
    : [];
}
