// The minicov runtime against LLVM's own: the same programs, profiled by each, must read back identically.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { selectFunctions, showFunctions } from '../../../tools/testing/profdata';
import * as cBuilds from './c-builds';
import * as rustBuilds from './rust-builds';

const rustCode = /reference_workload/;
const cCode = /(^|[;:])(c_workload|triple|inc|parity_class)$/;

function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `minicov-${name}-`));
}

function expectSameProfiles(
  profdata: string,
  reference: string,
  ours: string,
  code: RegExp,
  atLeast: number,
) {
  const expected = selectFunctions(showFunctions(profdata, reference), code);
  const actual = selectFunctions(showFunctions(profdata, ours), code);
  // Guard against a vacuous pass: the code under test must be in the profile, and must have run.
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(atLeast);
  expect(JSON.stringify(expected)).toMatch(/Block counts: \[[1-9]|Function count: [1-9]/);
  expect(actual).toEqual(expected);
}

describe('Rust programs: minicov writes what profiler_builtins writes', () => {
  it('-Cinstrument-coverage', () => {
    const dir = scratch('rust-cov');
    const c: rustBuilds.RustCase = { instrumentation: 'coverage' };
    expectSameProfiles(
      'llvm-profdata-22',
      rustBuilds.referenceProfile(c, dir),
      rustBuilds.minicovProfile(c, dir),
      rustCode,
      8,
    );
  });

  it('-Cprofile-generate with indirect calls and variable-size copies (value profiling)', () => {
    const dir = scratch('rust-pgo');
    const c: rustBuilds.RustCase = { instrumentation: 'profile-generate' };
    const reference = rustBuilds.referenceProfile(c, dir);
    const ours = rustBuilds.minicovProfile(c, dir);
    expectSameProfiles('llvm-profdata-22', reference, ours, rustCode, 8);
    const text = JSON.stringify(selectFunctions(showFunctions('llvm-profdata-22', ours), rustCode));
    // Value profiles are present and resolved: call targets by name, copy sizes by bucket.
    expect(text).toMatch(/reference_workload6double, +20 \]/);
    expect(text).toMatch(/\[ +0, +65, +1 \]/);
  });

  it('Rust -Cinstrument-coverage plus C -fprofile-instr-generate -fcoverage-mapping in one binary', () => {
    const dir = scratch('mixed');
    const c: rustBuilds.RustCase = {
      instrumentation: 'coverage',
      cFlags: ['-fprofile-instr-generate', '-fcoverage-mapping'],
    };
    const reference = rustBuilds.referenceProfile(c, dir);
    const ours = rustBuilds.minicovProfile(c, dir);
    expectSameProfiles('llvm-profdata-22', reference, ours, rustCode, 8);
    expectSameProfiles('llvm-profdata-22', reference, ours, cCode, 2);
  });
});

describe('C programs: minicov writes what libclang_rt.profile writes', () => {
  const clang22 = { clang: 'clang-22', rawVersion: 10 };
  const cases: Array<[string, cBuilds.CCase, string]> = [
    [
      'clang -fprofile-instr-generate -fcoverage-mapping',
      { ...clang22, flags: ['-fprofile-instr-generate', '-fcoverage-mapping'] },
      'llvm-profdata-22',
    ],
    [
      'clang -fprofile-instr-generate',
      { ...clang22, flags: ['-fprofile-instr-generate'] },
      'llvm-profdata-22',
    ],
    [
      'clang -fprofile-generate (IR PGO, value profiling)',
      { ...clang22, flags: ['-fprofile-generate'] },
      'llvm-profdata-22',
    ],
    [
      'raw v8: clang-14 coverage, read by llvm-profdata-14',
      {
        clang: 'clang-14',
        rawVersion: 8,
        flags: ['-fprofile-instr-generate', '-fcoverage-mapping'],
      },
      'llvm-profdata-14',
    ],
    [
      'raw v8: clang-14 IR PGO, read by llvm-profdata-14',
      { clang: 'clang-14', rawVersion: 8, flags: ['-fprofile-generate'] },
      'llvm-profdata-14',
    ],
  ];
  for (const [name, c, profdata] of cases) {
    it(name, () => {
      const dir = scratch('c');
      expectSameProfiles(
        profdata,
        cBuilds.referenceProfile(c, dir),
        cBuilds.minicovProfile(c, dir),
        cCode,
        2,
      );
    });
  }
});
