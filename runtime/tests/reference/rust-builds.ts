// Builds and runs the Rust reference programs twice: with rustc's own profiler runtime and with minicov.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cargoBuild, hostTarget, nostdHostRustflags, repoRoot } from '../../../tools/testing/cargo';
import { mustRun } from '../../../tools/testing/exec';

export type RustInstrumentation = 'coverage' | 'profile-generate';

export interface RustCase {
  instrumentation: RustInstrumentation;
  /** Also link the C module, compiled with these clang-22 flags. */
  cFlags?: string[];
  /** Extra build environment, e.g. MINICOV_VALUE_POOL_BYTES; builds with it get their own target directory. */
  env?: Record<string, string>;
  targetDirName?: string;
  /** Binary correlation (-profile-correlate=binary): data records and names stay in the binary. */
  correlate?: boolean;
}

function rustFlags(c: RustCase, ownRuntime: boolean): string[] {
  const instrumentation =
    c.instrumentation === 'coverage' ? '-Cinstrument-coverage' : '-Cprofile-generate';
  const correlate = c.correlate ? ['-Cllvm-args=-profile-correlate=binary'] : [];
  if (ownRuntime) return [...nostdHostRustflags(instrumentation), ...correlate];
  // The std harness links profiler_builtins; mangling pinned as in the no_std build.
  return [instrumentation, '-Csymbol-mangling-version=v0', ...correlate];
}

/** Builds `pkg` of the reference programs for case `c` and returns the binary's path. */
export function build(pkg: string, c: RustCase, ownRuntime: boolean): string {
  return cargoBuild({
    pkg,
    target: hostTarget,
    release: c.instrumentation === 'profile-generate',
    rustflags: rustFlags(c, ownRuntime),
    features: c.cFlags ? ['with-c'] : [],
    targetDir: join(repoRoot, 'target', c.targetDirName ?? 'reference'),
    env: { REFERENCE_CC: 'clang-22', REFERENCE_C_FLAGS: (c.cFlags ?? []).join(' '), ...c.env },
  });
}

/** Runs the std harness (profiler_builtins) and returns the path of its profile and of the binary that wrote it. */
export function referenceProfile(c: RustCase, dir: string): { profile: string; binary: string } {
  const binary = build('reference-std-harness', c, false);
  const profile = join(dir, 'reference.profraw');
  mustRun(binary, [], { env: { LLVM_PROFILE_FILE: profile } });
  return { profile, binary };
}

/** Runs the no_std harness (minicov) and returns the path of its profile and of the binary that wrote it. */
export function minicovProfile(c: RustCase, dir: string): { profile: string; binary: string } {
  const binary = build('reference-nostd-harness', c, true);
  const profile = join(dir, 'minicov.profraw');
  writeFileSync(profile, mustRun(binary, []).stdout);
  return { profile, binary };
}

/** Path of a binary of the no_std harness package for case `c` (after `build`). */
export function nostdBinary(c: RustCase, name: string): string {
  const profile = c.instrumentation === 'profile-generate' ? 'release' : 'debug';
  return join(repoRoot, 'target', c.targetDirName ?? 'reference', hostTarget, profile, name);
}
