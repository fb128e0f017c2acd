// The minicov runtime against LLVM's own: the same programs, profiled by each, must read back identically.
import { mkdtempSync, readFileSync } from 'node:fs';
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

/** A profile and, for a binary-correlated one, the binary llvm-profdata reads its functions from. */
interface Written {
  profile: string;
  binary?: string;
}

function expectSameProfiles(
  profdata: string,
  reference: Written,
  ours: Written,
  code: RegExp,
  atLeast: number,
) {
  const expected = selectFunctions(
    showFunctions(profdata, reference.profile, reference.binary),
    code,
  );
  const actual = selectFunctions(showFunctions(profdata, ours.profile, ours.binary), code);
  // Guard against a vacuous pass: the code under test must be in the profile, and must have run.
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(atLeast);
  expect(JSON.stringify(expected)).toMatch(/Block counts: \[[1-9]|Function count: [1-9]/);
  expect(actual).toEqual(expected);
}

/** The raw header's words (raw version 10: 16 of them), by field. */
function headerFields(profile: string): Record<string, bigint> {
  const bytes = readFileSync(profile);
  const names = [
    'magic',
    'version',
    'binaryIdsSize',
    'numData',
    'paddingBeforeCounters',
    'numCounters',
    'paddingAfterCounters',
    'numBitmapBytes',
    'paddingAfterBitmap',
    'namesSize',
    'countersDelta',
    'bitmapDelta',
    'namesDelta',
    'numVTables',
    'vNamesSize',
    'valueKindLast',
  ];
  return Object.fromEntries(names.map((name, i) => [name, bytes.readBigUInt64LE(i * 8)]));
}

/**
 * Both profiles are binary-correlated as LLVM writes them: no records or names, every delta 0, counters only. (The two
 * programs differ outside the workload, so their counter counts do; llvm-profdata compares the workload.)
 */
function expectCorrelatedHeaders(reference: Written, ours: Written) {
  for (const [who, profile] of [
    ['reference', reference.profile],
    ['minicov', ours.profile],
  ] as const) {
    const header = headerFields(profile);
    expect(header, who).toMatchObject({
      numData: 0n,
      namesSize: 0n,
      countersDelta: 0n,
      bitmapDelta: 0n,
      namesDelta: 0n,
    });
    expect(header.numCounters, who).toBeGreaterThan(0n);
  }
  const { version, valueKindLast } = headerFields(reference.profile);
  expect(headerFields(ours.profile)).toMatchObject({ version, valueKindLast });
}

describe('Rust programs: minicov writes what profiler_builtins writes', () => {
  it('-Cinstrument-coverage', () => {
    const dir = scratch('rust-cov');
    const c: rustBuilds.RustCase = { instrumentation: 'coverage' };
    expectSameProfiles(
      'llvm-profdata-22',
      { profile: rustBuilds.referenceProfile(c, dir).profile },
      { profile: rustBuilds.minicovProfile(c, dir).profile },
      rustCode,
      8,
    );
  });

  it('-Cinstrument-coverage with binary correlation: counters only, read with the binary', () => {
    const dir = scratch('rust-correlate');
    const c: rustBuilds.RustCase = {
      instrumentation: 'coverage',
      correlate: true,
      targetDirName: 'reference-correlate',
    };
    const reference = rustBuilds.referenceProfile(c, dir);
    const ours = rustBuilds.minicovProfile(c, dir);
    expectCorrelatedHeaders(reference, ours);
    expectSameProfiles('llvm-profdata-22', reference, ours, rustCode, 8);
  });

  it('-Cprofile-generate with indirect calls and variable-size copies (value profiling)', () => {
    const dir = scratch('rust-pgo');
    const c: rustBuilds.RustCase = { instrumentation: 'profile-generate' };
    const reference = { profile: rustBuilds.referenceProfile(c, dir).profile };
    const ours = { profile: rustBuilds.minicovProfile(c, dir).profile };
    expectSameProfiles('llvm-profdata-22', reference, ours, rustCode, 8);
    const text = JSON.stringify(
      selectFunctions(showFunctions('llvm-profdata-22', ours.profile), rustCode),
    );
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
    const reference = { profile: rustBuilds.referenceProfile(c, dir).profile };
    const ours = { profile: rustBuilds.minicovProfile(c, dir).profile };
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
        { profile: cBuilds.referenceProfile(c, dir) },
        { profile: cBuilds.minicovProfile(c, dir) },
        cCode,
        2,
      );
    });
  }

  it('clang coverage with binary correlation: counters only, read with the binary', () => {
    const dir = scratch('c-correlate');
    const c: cBuilds.CCase = {
      ...clang22,
      flags: [
        '-fprofile-instr-generate',
        '-fcoverage-mapping',
        '-mllvm',
        '-profile-correlate=binary',
      ],
    };
    const binaries = cBuilds.binaries(dir);
    const reference = { profile: cBuilds.referenceProfile(c, dir), binary: binaries.reference };
    const ours = { profile: cBuilds.minicovProfile(c, dir), binary: binaries.minicov };
    expectCorrelatedHeaders(reference, ours);
    expectSameProfiles('llvm-profdata-22', reference, ours, cCode, 2);
  });
});
