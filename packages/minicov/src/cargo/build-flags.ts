// The compiler flags of each kind of build: instrumented for coverage, instrumented for PGO, optimized with a profile.
import type { CargoBuildKind } from '../model/build-kind';
import { RECORDED_WORKSPACE_ROOT } from '../model/recorded-source-paths';

/**
 * Every Rust crate of every build uses v0 mangling: RUSTC_BOOTSTRAP=1 (needed for -Z flags) changes the
 * default, and a profile only matches functions whose names did not change between builds.
 */
export const COMMON_RUSTFLAGS = ['-Csymbol-mangling-version=v0'];

/**
 * The cfg instrumented crates are compiled with (coverage and profile-generate builds only), so a program can call the
 * capture under `#[cfg(minicov)]` and its plain and PGO-optimized builds carry no runtime.
 */
export const INSTRUMENTED_CFG = ['--cfg', 'minicov'];

/**
 * The cfg a program run under the gdb runner is compiled with, besides `minicov`: its counters are read by a debugger,
 * so it can leave out the capture (and with it the runtime's writer and semihosting file code).
 */
export const GDB_RUNNER_CFG = ['--cfg', 'minicov_gdb'];

/** minicov's linker fragment, which the runtime crate's build script puts on the link search path. */
export const LINK_FRAGMENT = 'minicov-profile-sections.x';

/** The first rustc release whose `-Zcoverage-options=branch` records branch coverage. */
export const RUST_BRANCH_COVERAGE_SINCE = '1.79.0';

/** Rust's branch coverage flag (clang's coverage mapping has branch regions on its own). */
export const RUST_BRANCH_COVERAGE_FLAG = '-Zcoverage-options=branch';

/**
 * Binary correlation (`correlate = "binary"`): the function records and names go to sections the image does not load
 * (`__llvm_covdata`, `__llvm_covnames`), read back from the binary when the profile is merged.
 */
export const CORRELATE_RUSTFLAGS = ['-Cllvm-args=-profile-correlate=binary'];

/** clang's counterpart of CORRELATE_RUSTFLAGS. */
export const CORRELATE_CFLAGS = ['-mllvm', '-profile-correlate=binary'];

/** The first rustc release with a stable `--remap-path-scope` (older ones record the checkout's own paths). */
export const RUST_REMAP_PATH_SCOPE_SINCE = '1.95.0';

/**
 * Coverage builds record the workspace's sources under RECORDED_WORKSPACE_ROOT, in the coverage mapping only (debug
 * info and panic messages keep the real paths), so the binaries report right in any checkout.
 */
export function coveragePathRustflags(workspaceRoot: string): string[] {
  return [
    `--remap-path-prefix=${workspaceRoot}=${RECORDED_WORKSPACE_ROOT}`,
    '--remap-path-scope=coverage',
  ];
}

/** clang's counterpart of coveragePathRustflags (its prefix map touches the coverage mapping only). */
export function coveragePathCflags(workspaceRoot: string): string[] {
  return [`-fcoverage-prefix-map=${workspaceRoot}=${RECORDED_WORKSPACE_ROOT}`];
}

/**
 * Rust flags for the crates a build instruments (or optimizes with `profdata`). `withStd`: a std test
 * harness, which writes its profile with rustc's own profiler runtime instead of minicov's. `branches`:
 * record branch coverage too (rustc must support it, see RUST_BRANCH_COVERAGE_SINCE).
 */
export function instrumentationRustflags(
  kind: CargoBuildKind,
  profdata?: string,
  withStd = false,
  branches = false,
): string[] {
  switch (kind) {
    case 'coverage':
      return [
        '-Cinstrument-coverage',
        ...(branches ? [RUST_BRANCH_COVERAGE_FLAG] : []),
        ...(withStd ? [] : ['-Zno-profiler-runtime']),
        ...INSTRUMENTED_CFG,
        ...COMMON_RUSTFLAGS,
      ];
    case 'pgo-generate':
      return [
        '-Cprofile-generate',
        '-Zno-profiler-runtime',
        ...INSTRUMENTED_CFG,
        ...COMMON_RUSTFLAGS,
      ];
    case 'pgo-use':
      return [
        `-Cprofile-use=${requireProfile(profdata)}`,
        '-Cllvm-args=-pgo-warn-missing-function',
        ...COMMON_RUSTFLAGS,
      ];
    case 'plain':
      return [...COMMON_RUSTFLAGS];
  }
}

/**
 * Link arguments of an instrumented build's program (rlibs ignore them): minicov's linker fragment when the crate links
 * with a cortex-m-rt-style `link.x`, and `--gc-sections` for profile-generate links, where rustc leaves it out (unused
 * code would then stay in flash).
 * `bareMetal`: the target links with rust-lld directly (no C compiler driver in between).
 */
export function instrumentedLinkArgs(
  kind: CargoBuildKind,
  options: { linkFragment?: boolean; bareMetal: boolean; tests?: boolean },
): string[] {
  if (kind === 'pgo-use' || kind === 'plain' || options.tests) return [];
  const args: string[] = [];
  if (options.linkFragment) args.push(`-Clink-arg=-T${LINK_FRAGMENT}`);
  if (kind === 'pgo-generate')
    args.push(options.bareMetal ? '-Clink-arg=--gc-sections' : '-Clink-arg=-Wl,--gc-sections');
  return args;
}

/** Whether `target` is a bare-metal target, linked by rust-lld with GNU ld arguments. */
export function isBareMetalTarget(target: string): boolean {
  return /-none(-|$)/.test(target);
}

/** clang flags for C modules in the same build, matching the Rust instrumentation. */
export function instrumentationCflags(kind: CargoBuildKind, profdata?: string): string[] {
  switch (kind) {
    case 'plain':
      return [];
    case 'coverage':
      return ['-fprofile-instr-generate', '-fcoverage-mapping'];
    case 'pgo-generate':
      // IR-level instrumentation, like rustc's -Cprofile-generate, so both merge into one profile.
      return ['-fprofile-generate'];
    case 'pgo-use':
      // Unmatched functions are reported the way rustc reports them, for the optimize step to count.
      return [
        `-fprofile-use=${requireProfile(profdata)}`,
        '-mllvm',
        '-pgo-warn-missing-function',
        '-Wno-error',
      ];
  }
}

/**
 * A flag list as one environment variable: separated by the unit separator (0x1f), as cargo's
 * CARGO_ENCODED_RUSTFLAGS does, so a profile path with spaces stays one argument.
 */
export function encodeFlags(flags: readonly string[]): string {
  return flags.join('\x1f');
}

function requireProfile(profdata: string | undefined): string {
  if (!profdata) throw new Error('a pgo-use build needs the merged profile path');
  return profdata;
}
