// Builds and runs the C reference program twice: with clang's own profiling runtime and with minicov.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../../../tools/testing/cargo';
import { mustRun } from '../../../tools/testing/exec';

export interface CCase {
  clang: string;
  rawVersion: number;
  flags: string[];
}

const here = join(repoRoot, 'runtime', 'tests', 'reference', 'c');
const runtimeDir = join(repoRoot, 'runtime', 'c');

function runtimeSources(): string[] {
  return readdirSync(join(runtimeDir, 'src'))
    .filter((f) => f.endsWith('.c'))
    .map((f) => join(runtimeDir, 'src', f));
}

function compileWorkload(c: CCase, dir: string): string {
  const object = join(dir, 'workload.o');
  mustRun(c.clang, [...c.flags, '-O1', '-c', join(here, 'workload.c'), '-o', object]);
  return object;
}

/** The binaries `referenceProfile` and `minicovProfile` build in `dir` (a correlated profile is read with it). */
export function binaries(dir: string): { reference: string; minicov: string } {
  return { reference: join(dir, 'reference'), minicov: join(dir, 'minicov') };
}

/** Links the workload with clang's profiling runtime, runs it, returns its profile. */
export function referenceProfile(c: CCase, dir: string): string {
  const binary = join(dir, 'reference');
  const profile = join(dir, 'reference.profraw');
  mustRun(c.clang, [
    ...c.flags,
    '-O1',
    join(here, 'std_main.c'),
    compileWorkload(c, dir),
    '-o',
    binary,
  ]);
  mustRun(binary, [], { env: { LLVM_PROFILE_FILE: profile } });
  return profile;
}

/** Links the workload with the minicov runtime and no libc, runs it, returns its profile. */
export function minicovProfile(c: CCase, dir: string): string {
  const binary = join(dir, 'minicov');
  const profile = join(dir, 'minicov.profraw');
  mustRun(c.clang, [
    '-O1',
    '-ffreestanding',
    '-fno-builtin',
    '-nostdlib',
    '-static',
    '-nostartfiles',
    `-DMINICOV_RAW_VERSION=${c.rawVersion}`,
    '-I',
    join(runtimeDir, 'include'),
    join(here, 'nostd_main.c'),
    compileWorkload(c, dir),
    ...runtimeSources(),
    '-o',
    binary,
  ]);
  writeFileSync(profile, mustRun(binary, []).stdout);
  return profile;
}
