// The one `cargo build` command of a step, as an argument array and environment (no shell anywhere).
import { join } from 'node:path';
import {
  COMMON_RUSTFLAGS,
  CORRELATE_CFLAGS,
  CORRELATE_RUSTFLAGS,
  GDB_RUNNER_CFG,
  coveragePathCflags,
  coveragePathRustflags,
  encodeFlags,
  instrumentationCflags,
  instrumentationRustflags,
  instrumentedLinkArgs,
  isBareMetalTarget,
} from './build-flags';
import type { CargoBuildKind } from '../model/build-kind';

/** What a crate's builds share, resolved from the workspace and the toolchain (see crate-build.ts). */
export interface CrateBuild {
  packageName: string;
  bin: string;
  /**
   * The Rust target triple (the host's triple for host builds: always explicit,
   * so build scripts are never instrumented).
   */
  target: string;
  /** Build `core` from rust-src for this target (embedded targets without prebuilt libraries). */
  buildStd?: string;
  /**
   * Workspace crates to instrument (the package and its path dependencies, not the runtime);
   * other workspace crates get the common flags.
   */
  instrumented: string[];
  /** The RUSTC_WORKSPACE_WRAPPER that applies the flags. */
  wrapper: string;
  /** The RUSTC_WRAPPER that gives target crates the prebuilt standard library (with `buildStd`). */
  sysrootWrapper: string;
  rustc: string;
  clang?: string;
  /** Build the library's unit tests (std test harness) instead of the binary. */
  tests?: boolean;
  /** Coverage builds also record Rust branch coverage (the rustc supports it). */
  branchCoverage?: boolean;
  /**
   * Instrumented links add minicov's linker fragment
   * (a cortex-m-rt-style link.x that does not place the profile sections).
   */
  linkFragment?: boolean;
  /**
   * The workspace root whose sources coverage builds record under RECORDED_WORKSPACE_ROOT; undefined when the rustc
   * cannot scope the remapping to coverage (see RUST_REMAP_PATH_SCOPE_SINCE).
   */
  recordedRoot?: string;
  /** Coverage builds keep the function records and names out of the image (binary correlation). */
  correlate?: boolean;
  /** The program runs under the gdb runner: instrumented builds also get `--cfg minicov_gdb`. */
  gdbRunner?: boolean;
}

/** Everything one build depends on: the crate's build, which kind, where, and the profile to use. */
export interface BuildPlanInput extends CrateBuild {
  kind: CargoBuildKind;
  targetDir: string;
  profdata?: string;
  /** The standard library prebuilt for the target (std-sysroot.ts), for a target that needs `buildStd`. */
  stdSysroot?: string;
  /** The workspace's own RUSTC_WRAPPER (e.g. sccache), which the sysroot wrapper runs in turn. */
  userRustcWrapper?: string;
}

/** The cargo arguments, environment and resulting binary path. */
export interface BuildPlan {
  args: string[];
  env: Record<string, string | undefined>;
  binary: string;
}

/**
 * Builds the cargo command:
 * flags reach only the named crates (through the wrapper), never `core`, build scripts or proc macros.
 */
export function buildPlan(input: BuildPlanInput): BuildPlan {
  const what = input.tests
    ? ['test', '--no-run', '--lib', '--message-format=json-render-diagnostics']
    : ['build', '--bin', input.bin];
  const [command, ...selection] = what;
  const args = [
    command as string,
    '--release',
    '-p',
    input.packageName,
    ...selection,
    '--target',
    input.target,
    '--target-dir',
    input.targetDir,
  ];
  // Nx runs a build only when the sources' contents changed: cargo must judge by contents too, never by mtimes (a file
  // restored with an old mtime, or copied with `cp -p`, would otherwise keep a stale binary).
  args.push('-Zchecksum-freshness');
  const linkArgs = instrumentedLinkArgs(input.kind, {
    linkFragment: input.linkFragment,
    bareMetal: isBareMetalTarget(input.target),
    tests: input.tests,
  });
  const remap = input.kind === 'coverage' ? input.recordedRoot : undefined;
  const correlate = input.kind === 'coverage' && input.correlate === true;
  const instrumented = input.kind === 'coverage' || input.kind === 'pgo-generate';
  const env: Record<string, string | undefined> = {
    RUSTC: input.rustc,
    RUSTC_WORKSPACE_WRAPPER: input.wrapper,
    MINICOV_INSTRUMENT: input.instrumented.join(','),
    MINICOV_INSTRUMENT_RUSTFLAGS: encodeFlags([
      ...instrumentationRustflags(input.kind, input.profdata, input.tests, input.branchCoverage),
      ...(remap ? coveragePathRustflags(remap) : []),
      ...(correlate ? CORRELATE_RUSTFLAGS : []),
      ...(input.gdbRunner && instrumented ? GDB_RUNNER_CFG : []),
      ...linkArgs,
    ]),
    MINICOV_PLAIN_RUSTFLAGS: encodeFlags(COMMON_RUSTFLAGS),
    // -Z flags (checksum-freshness, no-profiler-runtime) on a stable toolchain.
    RUSTC_BOOTSTRAP: '1',
    MINICOV_CFLAGS: encodeFlags([
      ...instrumentationCflags(input.kind, input.profdata),
      ...(remap ? coveragePathCflags(remap) : []),
      ...(correlate ? CORRELATE_CFLAGS : []),
    ]),
    // Environment rustflags would reach core too: flags come from the wrapper (plus any target rustflags
    // in .cargo/config.toml, such as a linker script).
    RUSTFLAGS: undefined,
    CARGO_ENCODED_RUSTFLAGS: undefined,
  };
  if (input.clang) env.CC = input.clang;
  if (input.buildStd) {
    // core comes prebuilt (built once for every crate and chain), never from a -Zbuild-std of this build.
    if (!input.stdSysroot)
      throw new Error(`buildPlan: ${input.target} needs a prebuilt standard library`);
    env.RUSTC_WRAPPER = input.sysrootWrapper;
    env.MINICOV_SYSROOT = input.stdSysroot;
    env.MINICOV_RUSTC_WRAPPER = input.userRustcWrapper;
  }
  return { args, env, binary: join(input.targetDir, input.target, 'release', input.bin) };
}
