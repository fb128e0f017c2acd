// Builds the C runtime and the C host harness with AddressSanitizer and UndefinedBehaviorSanitizer (clang-22).
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

import { repoRoot } from '../../../tools/testing/cargo';
import { mustRun } from '../../../tools/testing/exec';

export const clang = 'clang-22';
/** The raw profile version clang-22's instrumentation declares. */
export const rawVersion = 10;

/** Every finding is reported with a stack and stops the program at once. */
export const sanitizerFlags = [
  '-g',
  '-O1',
  '-fno-omit-frame-pointer',
  '-fsanitize=address,undefined',
  '-fno-sanitize-recover=all',
];

const runtimeDir = join(repoRoot, 'runtime', 'c');
export const harnessDir = join(repoRoot, 'runtime', 'tests', 'sanitizers', 'c');

export type CInstrumentation = 'coverage' | 'ir-pgo';

const instrumentationFlags: Record<CInstrumentation, string[]> = {
  // With MC/DC, so the profile has bitmap bytes too.
  coverage: ['-fprofile-instr-generate', '-fcoverage-mapping', '-fcoverage-mcdc'],
  // IR PGO records indirect-call targets and memop sizes in the value pool.
  'ir-pgo': ['-fprofile-generate'],
};

/**
 * Compiles runtime/c/src/*.c as the minicov crate does (freestanding, no profiling flags), plus the
 * sanitizers, into `<dir>/libminicov.a`. The archive keeps value profiling out of programs that
 * record no values, as the crate's does. `poolBytes` undefined keeps the runtime's default pool.
 */
export function sanitizedRuntime(dir: string, poolBytes?: number): string {
  mkdirSync(dir, { recursive: true });
  const sources = readdirSync(join(runtimeDir, 'src'))
    .filter((file) => file.endsWith('.c'))
    .sort()
    .map((file) => join(runtimeDir, 'src', file));
  mustRun(
    clang,
    [
      ...sanitizerFlags,
      `-DMINICOV_RAW_VERSION=${rawVersion}`,
      ...(poolBytes === undefined ? [] : [`-DMINICOV_VP_POOL_BYTES=${poolBytes}`]),
      '-ffreestanding',
      '-fno-builtin',
      '-nostdlibinc',
      '-Wall',
      '-Wextra',
      '-I',
      join(runtimeDir, 'include'),
      '-c',
      ...sources,
    ],
    { cwd: dir },
  );
  const archive = join(dir, 'libminicov.a');
  const objects = sources.map((source) => join(dir, basename(source, '.c') + '.o'));
  mustRun('llvm-ar-22', ['crs', archive, ...objects]);
  return archive;
}

/** Links `harness_main.c` (hosted, sanitized) with `inputs` into `binary`. */
export function linkHarness(binary: string, inputs: string[]): string {
  mustRun(clang, [
    ...sanitizerFlags,
    '-I',
    harnessDir,
    join(harnessDir, 'harness_main.c'),
    ...inputs,
    '-o',
    binary,
  ]);
  return binary;
}

/**
 * The C harness: the C workload instrumented as `instrumentation` says, the C API scenarios (and
 * the pool scenarios for IR PGO), linked with the sanitized runtime `archive`.
 */
export function cHarness(
  binary: string,
  instrumentation: CInstrumentation,
  archive: string,
): string {
  const valuePool = instrumentation === 'ir-pgo';
  const workload = `${binary}-workload.o`;
  const warnings = ['-Wall', '-Wextra', '-Werror'];
  mustRun(clang, [
    ...sanitizerFlags,
    ...warnings,
    ...instrumentationFlags[instrumentation],
    '-I',
    harnessDir,
    '-c',
    join(harnessDir, 'workload.c'),
    '-o',
    workload,
  ]);
  const scenarios = [
    'writers.c',
    'capture_scenarios.c',
    'canaries.c',
    'dispatch.c',
    ...(valuePool ? ['pool_scenarios.c'] : []),
  ];
  return linkHarness(binary, [
    ...warnings,
    ...(valuePool ? ['-DHARNESS_VALUE_POOL'] : []),
    '-I',
    join(runtimeDir, 'include'),
    ...scenarios.map((file) => join(harnessDir, file)),
    workload,
    archive,
  ]);
}
