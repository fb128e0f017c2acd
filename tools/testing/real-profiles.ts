// Real raw profiles for the profile specs: one C workload (profile-programs/) built with clang-22 (raw version 10) or
// clang-14 (raw version 8), for coverage or IR PGO, as a 64-bit host program on LLVM's own runtime or as 32-bit
// Cortex-M3 firmware on minicov's runtime in QEMU, and run for real.
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cargo';
import { mustRunOnBoard } from './board-qemu';
import { mustRun } from './exec';

/** Which program writes the profile. */
export interface RealProfileSpec {
  target: 'host' | 'cortex-m3';
  llvmMajor: 22 | 14;
  kind: 'coverage' | 'pgo';
  /** Builds the workload's other version (WORKLOAD_VARIANT): the same functions, one more branch. */
  variant?: boolean;
}

/** A built program and the profile its run wrote. */
export interface RealProfile {
  spec: RealProfileSpec;
  /** e.g. "cortex-m3 clang-14 pgo". */
  label: string;
  binary: string;
  profile: string;
  bytes: Buffer;
  rawVersion: 8 | 10;
  pointerBytes: 4 | 8;
  /** The llvm-profdata of the same LLVM major, which reads this profile. */
  llvmProfdata: string;
}

/**
 * Every target, LLVM major and kind once: 64- and 32-bit, raw versions 10 and 8, coverage and IR PGO (with value data).
 */
export const EVERY_REAL_PROFILE: readonly RealProfileSpec[] = (
  ['host', 'cortex-m3'] as const
).flatMap((target) =>
  ([22, 14] as const).flatMap((llvmMajor) =>
    (['coverage', 'pgo'] as const).map((kind) => ({ target, llvmMajor, kind })),
  ),
);

const programs = join(repoRoot, 'tools', 'testing', 'profile-programs');
const runtime = join(repoRoot, 'runtime', 'c');
const FLAGS = {
  coverage: ['-fprofile-instr-generate', '-fcoverage-mapping'],
  pgo: ['-fprofile-generate'],
} as const;
const CORTEX_M3 = [
  '--target=thumbv7m-none-eabi',
  '-mcpu=cortex-m3',
  '-mthumb',
  '-ffreestanding',
  '-fno-builtin',
];

/** Builds the program `spec` describes under `dir`, runs it, and returns the profile it wrote. */
export function buildRealProfile(dir: string, spec: RealProfileSpec): RealProfile {
  const name = `${spec.target}-${spec.llvmMajor}-${spec.kind}${spec.variant ? '-variant' : ''}`;
  const work = join(dir, name);
  mkdirSync(work, { recursive: true });
  const clang = `clang-${spec.llvmMajor}`;
  const flags = [...FLAGS[spec.kind], ...(spec.variant ? ['-DWORKLOAD_VARIANT'] : [])];
  const binary = join(work, name);
  const profile = join(work, `${name}.profraw`);
  if (spec.target === 'host') {
    // Sources are named relative to their directory, so that static functions get stable names ("workload.c:twice").
    mustRun(clang, ['-O0', ...flags, 'workload.c', 'host-main.c', '-o', binary], { cwd: programs });
    mustRun(binary, [], { env: { LLVM_PROFILE_FILE: profile } });
  } else {
    buildFirmware(work, clang, spec.llvmMajor === 22 ? 10 : 8, flags, binary);
    const run = join(work, 'run');
    mkdirSync(run, { recursive: true });
    mustRunOnBoard(binary, run);
    renameSync(join(run, 'firmware.profraw'), profile);
  }
  return {
    spec,
    label: `${spec.target} ${clang} ${spec.kind}${spec.variant ? ' (variant)' : ''}`,
    binary,
    profile,
    bytes: readFileSync(profile),
    rawVersion: spec.llvmMajor === 22 ? 10 : 8,
    pointerBytes: spec.target === 'host' ? 8 : 4,
    llvmProfdata: `llvm-profdata-${spec.llvmMajor}`,
  };
}

/**
 * Instrumented workload and harness, the minicov runtime without instrumentation,
 * linked by lld for lm3s6965evb with `script`.
 */
export function buildFirmware(
  work: string,
  clang: string,
  rawVersion: 8 | 10,
  flags: string[],
  binary: string,
  script = join(programs, 'firmware.ld'),
): void {
  const include = ['-I', join(runtime, 'include')];
  const objects: string[] = [];
  const compile = (source: string, extra: string[]) => {
    const object = join(work, `${objects.length}.o`);
    mustRun(clang, [...CORTEX_M3, ...extra, ...include, '-c', source, '-o', object], {
      cwd: programs,
    });
    objects.push(object);
  };
  for (const source of ['workload.c', 'firmware.c']) compile(source, ['-O0', ...flags]);
  const runtimeSources = readdirSync(join(runtime, 'src')).filter((file) => file.endsWith('.c'));
  for (const source of runtimeSources)
    compile(join(runtime, 'src', source), ['-O1', `-DMINICOV_RAW_VERSION=${rawVersion}`]);
  compile('firmware-support.c', ['-O1']);
  mustRun('ld.lld-22', ['-T', script, ...objects, '-o', binary]);
}
