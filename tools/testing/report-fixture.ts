// A small real program for report tests:
// Rust (v0 and legacy mangling, branch coverage), C and C++, built, run and merged.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cargo';
import { mustRun } from './exec';

/** The Debian toolchain the workspace pins (rustc on LLVM 22) and the LLVM 22 tools. */
export const FIXTURE_TOOLS = {
  rustc: '/usr/bin/rustc',
  clang: 'clang-22',
  clangxx: 'clang++-22',
  llvmAr: 'llvm-ar-22',
  llvmProfdata: 'llvm-profdata-22',
  llvmCov: 'llvm-cov-22',
  llvmCxxfilt: 'llvm-cxxfilt-22',
};

/** Where the built fixture lives: a workspace root holding the sources, the binary and its merged profile. */
export interface ReportFixture {
  workspaceRoot: string;
  binary: string;
  profdata: string;
}

/** What writeCoverageReport needs for the fixture (the tools, profile, binary and root) and where to write. */
export function fixtureReportInput(fixture: ReportFixture, outputDir: string) {
  return {
    llvmCov: FIXTURE_TOOLS.llvmCov,
    llvmCxxfilt: FIXTURE_TOOLS.llvmCxxfilt,
    profdata: fixture.profdata,
    binaries: [fixture.binary],
    workspaceRoot: fixture.workspaceRoot,
    outputDir,
  };
}

/** The fixture's sources in this repository. */
export const REPORT_FIXTURE_SOURCES = join(
  repoRoot,
  'tools',
  'testing',
  'fixtures',
  'report-project',
);

/**
 * Copies the fixture into a fresh directory, builds it with coverage (branches included),
 * runs it once and merges the profile.
 */
export function buildReportFixture(): ReportFixture {
  const workspaceRoot = join(mkdtempSync(join(tmpdir(), 'minicov-report-fixture-')), 'workspace');
  cpSync(REPORT_FIXTURE_SOURCES, workspaceRoot, { recursive: true });
  const build = join(workspaceRoot, 'build');
  mkdirSync(build);
  const at = { cwd: workspaceRoot };
  const clangCoverage = ['-O0', '-fprofile-instr-generate', '-fcoverage-mapping', '-c'];
  mustRun(FIXTURE_TOOLS.clang, [...clangCoverage, 'c/checksum.c', '-o', 'build/checksum.o'], at);
  mustRun(
    FIXTURE_TOOLS.clangxx,
    [...clangCoverage, '-fno-exceptions', '-fno-rtti', 'cpp/scale.cpp', '-o', 'build/scale.o'],
    at,
  );
  mustRun(
    FIXTURE_TOOLS.llvmAr,
    ['rcs', 'build/libnative.a', 'build/checksum.o', 'build/scale.o'],
    at,
  );
  const rustCoverage = ['--edition=2021', '-Cinstrument-coverage', '-Zcoverage-options=branch'];
  const env = { RUSTC_BOOTSTRAP: '1' };
  mustRun(
    FIXTURE_TOOLS.rustc,
    [
      ...rustCoverage,
      '-Zunstable-options',
      '-Csymbol-mangling-version=legacy',
      '--crate-type=rlib',
      '--crate-name=shapes',
      'shapes/lib.rs',
      '-o',
      'build/libshapes.rlib',
    ],
    { ...at, env },
  );
  mustRun(
    FIXTURE_TOOLS.rustc,
    [
      ...rustCoverage,
      '-Csymbol-mangling-version=v0',
      '--crate-name=report_fixture',
      '--extern',
      'shapes=build/libshapes.rlib',
      '-L',
      'build',
      '-l',
      'static=native',
      'src/main.rs',
      '-o',
      'build/report-fixture',
    ],
    { ...at, env },
  );
  const binary = join(build, 'report-fixture');
  mustRun(binary, [], { ...at, env: { LLVM_PROFILE_FILE: join(build, 'fixture.profraw') } });
  const profdata = join(build, 'merged.profdata');
  mustRun(FIXTURE_TOOLS.llvmProfdata, [
    'merge',
    '-sparse',
    '-o',
    profdata,
    join(build, 'fixture.profraw'),
  ]);
  return { workspaceRoot, binary, profdata };
}
