// Builds the Rust host harness with rustc's AddressSanitizer, linked by clang-22 against its sanitizer runtime.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../../../tools/testing/cargo';
import { mustRun } from '../../../tools/testing/exec';
import { linkHarness } from './sanitized-c-builds';

export type RustInstrumentation = 'coverage' | 'profile-generate';

/**
 * Debian's rustc ships no sanitizer runtime (librustc-*_rt.asan.a), so rustc only instruments
 * (-Zexternal-clangrt) and clang-22 links its own AddressSanitizer runtime: both are LLVM 22.
 * Debug assertions and overflow checks stand in for UndefinedBehaviorSanitizer, which rustc lacks.
 */
const sanitizedRustFlags = [
  '--edition',
  '2021',
  '-Cpanic=abort',
  '-Zsanitizer=address',
  '-Zexternal-clangrt',
  '-Copt-level=1',
  '-g',
  '-Cdebug-assertions=on',
  '-Coverflow-checks=on',
  '-Csymbol-mangling-version=v0',
];

const instrumentationFlags: Record<RustInstrumentation, string[]> = {
  coverage: ['-Cinstrument-coverage', '-Zno-profiler-runtime'],
  'profile-generate': ['-Cprofile-generate', '-Zno-profiler-runtime'],
};

/** rustc's instrumentation must match clang-22's sanitizer runtime: the same LLVM major. */
function checkRustcLlvm(): void {
  const version = mustRun('rustc', ['-vV'], { cwd: repoRoot }).stdout.toString('utf8');
  const major = /^LLVM version: (\d+)/m.exec(version)?.[1];
  if (major !== '22') {
    throw new Error(
      `rustc is on LLVM ${major ?? '(unknown)'}, but the sanitized Rust harness is linked with clang-22's ` +
        'AddressSanitizer runtime: pin a rustc on LLVM 22 in rust-toolchain.toml',
    );
  }
}

function rustc(outDir: string, args: string[]): void {
  // -Z flags on Debian's stable toolchain; rust-toolchain.toml in the repository root picks it.
  mustRun(
    'rustc',
    [...sanitizedRustFlags, '--out-dir', outDir, '-L', `dependency=${outDir}`, ...args],
    {
      cwd: repoRoot,
      env: { RUSTC_BOOTSTRAP: '1' },
    },
  );
}

/**
 * Compiles the minicov crate (its Rust part; the C runtime comes from a sanitized archive instead
 * of its build script), the reference workload instrumented as `instrumentation` says, and the
 * Rust scenarios into one static library in `outDir`. `valuePool` adds the value-pool scenario.
 */
export function rustScenarioLibrary(
  outDir: string,
  instrumentation: RustInstrumentation,
  valuePool: boolean,
): string {
  checkRustcLlvm();
  mkdirSync(outDir, { recursive: true });
  rustc(outDir, [
    '--crate-type',
    'rlib',
    '--crate-name',
    'minicov',
    join(repoRoot, 'runtime', 'minicov', 'src', 'lib.rs'),
  ]);
  rustc(outDir, [
    ...instrumentationFlags[instrumentation],
    '--crate-type',
    'rlib',
    '--crate-name',
    'reference_workload',
    join(repoRoot, 'runtime', 'tests', 'reference', 'workload', 'src', 'lib.rs'),
  ]);
  rustc(outDir, [
    ...(valuePool ? ['--cfg', 'harness_value_pool'] : []),
    '--crate-type',
    'staticlib',
    '--crate-name',
    'sanitizer_rust_harness',
    '--extern',
    `minicov=${join(outDir, 'libminicov.rlib')}`,
    '--extern',
    `reference_workload=${join(outDir, 'libreference_workload.rlib')}`,
    join(repoRoot, 'runtime', 'tests', 'sanitizers', 'rust', 'lib.rs'),
  ]);
  return join(outDir, 'libsanitizer_rust_harness.a');
}

/** The Rust harness: the scenario library linked with the sanitized runtime `archive`. */
export function rustHarness(binary: string, library: string, archive: string): string {
  return linkHarness(binary, [library, archive]);
}
