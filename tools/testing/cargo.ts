// Building this repository's Rust packages from tests, with Debian's pinned toolchain and explicit flags.
import { join } from 'node:path';

import { mustRun, type RunOptions } from './exec';

/** The repository root (this file lives in tools/testing). */
export const repoRoot = join(import.meta.dirname, '..', '..');

export const hostTarget = 'x86_64-unknown-linux-gnu';

/** Rustflags of a #![no_std] #![no_main] host program instrumented with `instrumentation` and profiled by minicov. */
export function nostdHostRustflags(
  instrumentation: '-Cinstrument-coverage' | '-Cprofile-generate',
): string[] {
  return [
    instrumentation,
    '-Zno-profiler-runtime',
    // RUSTC_BOOTSTRAP=1 changes the default mangling; pin it so every build names functions alike.
    '-Csymbol-mangling-version=v0',
    // No dynamic loader applies relocations: link a static, position-dependent executable.
    '-Crelocation-model=static',
    '-Ctarget-feature=+crt-static',
  ];
}

export interface CargoBuild {
  pkg: string;
  target: string;
  release?: boolean;
  rustflags?: string[];
  features?: string[];
  buildStd?: string;
  env?: Record<string, string | undefined>;
  /** A separate target directory keeps differently-flagged builds from evicting each other. */
  targetDir?: string;
  /**
   * Flags for the named packages only (profile rustflags, `-Zprofile-rustflags`). With build-std,
   * RUSTFLAGS would instrument `core` too; these leave every other crate alone.
   */
  packageRustflags?: Record<string, string[]>;
}

/** Runs `cargo build` for one package and returns the path of its binary. */
export function cargoBuild(build: CargoBuild, options: RunOptions = {}): string {
  const targetDir = build.targetDir ?? join(repoRoot, 'target');
  const args = ['build', '-p', build.pkg, '--target', build.target, '--target-dir', targetDir];
  if (build.release) args.push('--release');
  if (build.features?.length) args.push('--features', build.features.join(','));
  if (build.buildStd) args.push(`-Zbuild-std=${build.buildStd}`);
  const perPackage = Object.entries(build.packageRustflags ?? {});
  if (perPackage.length) args.push('-Zprofile-rustflags');
  for (const [pkg, flags] of perPackage) {
    // A JSON string array is also a TOML array; the quoted key allows any package name.
    const profile = build.release ? 'release' : 'dev';
    args.push(
      '--config',
      `profile.${profile}.package.${JSON.stringify(pkg)}.rustflags=${JSON.stringify(flags)}`,
    );
  }
  mustRun('cargo', args, {
    cwd: repoRoot,
    ...options,
    env: {
      // -Z flags on Debian's stable toolchain.
      RUSTC_BOOTSTRAP: '1',
      RUSTFLAGS: (build.rustflags ?? []).join(' '),
      ...build.env,
      ...options.env,
    },
  });
  return join(targetDir, build.target, build.release ? 'release' : 'debug', build.pkg);
}
