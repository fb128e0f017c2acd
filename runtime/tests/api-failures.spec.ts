// The capture API on a real instrumented no_std program: failing writers, small buffers, reset, a full value pool.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { mustRun } from '../../tools/testing/exec';
import { selectFunctions, showFunctions } from '../../tools/testing/profdata';
import * as rust from './reference/rust-builds';

const coverage: rust.RustCase = { instrumentation: 'coverage' };
let checks: string;

function facts(stderr: string): Record<string, number> {
  return Object.fromEntries(
    stderr
      .trim()
      .split('\n')
      .map((line) => line.split('='))
      .map(([key, value]) => [key, Number(value)]),
  );
}

/** One fact of a run's output (a run that printed no such line fails the test). */
function fact(facts: Record<string, number>, key: string): number {
  const value = facts[key];
  if (value === undefined) throw new Error(`the run printed no ${key}= line`);
  return value;
}

function profileFile(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'minicov-api-')), 'p.profraw');
  writeFileSync(file, bytes);
  return file;
}

beforeAll(() => {
  rust.build('reference-nostd-harness', coverage, true);
  checks = rust.nostdBinary(coverage, 'runtime-checks');
});

describe('a writer that fails', () => {
  it('makes the capture fail at every possible call, with no call after the failing one', () => {
    const complete = facts(mustRun(checks, ['fail-after', '1000']).stderr);
    expect(complete).toEqual({ ok: 1, attempts: expect.any(Number) });
    expect(complete.attempts).toBeGreaterThanOrEqual(4); // header, data, counters, names
    for (let allowed = 0; allowed < fact(complete, 'attempts'); allowed++) {
      const result = facts(mustRun(checks, ['fail-after', String(allowed)]).stderr);
      expect(result, `writer failing after ${allowed} writes`).toEqual({
        ok: 0,
        attempts: allowed + 1,
      });
    }
  });
});

describe('capture into a caller buffer', () => {
  it('reports the size it needs when the buffer is one byte short, then fits exactly', () => {
    const run = mustRun(checks, ['buffer']);
    const result = facts(run.stderr);
    expect(result.needed).toBe(result.size);
    expect(result.available).toBe(fact(result, 'size') - 1);
    expect(result.written).toBe(result.size);
    expect(run.stdout.length).toBe(result.size);
    // What landed in the buffer is a complete profile.
    const functions = showFunctions('llvm-profdata-22', profileFile(run.stdout));
    expect(Object.keys(selectFunctions(functions, /reference_workload/))).toHaveLength(8);
  });
});

describe('reset_coverage', () => {
  it('zeroes every counter so the next capture holds only later work', () => {
    const run = mustRun(checks, ['reset']);
    const workload = selectFunctions(
      showFunctions('llvm-profdata-22', profileFile(run.stdout)),
      /reference_workload/,
    );
    expect(Object.keys(workload)).toHaveLength(8);
    for (const lines of Object.values(workload)) {
      expect(lines).toContain('    Function count: 0');
    }
  });
});

describe('a value pool too small for every value', () => {
  it('drops values safely: the profile stays valid and block counts stay exact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minicov-pool-'));
    const full: rust.RustCase = { instrumentation: 'profile-generate' };
    const tiny: rust.RustCase = {
      instrumentation: 'profile-generate',
      env: { MINICOV_VALUE_POOL_BYTES: '64' },
      targetDirName: 'reference-tiny-pool',
    };
    const reference = selectFunctions(
      showFunctions('llvm-profdata-22', rust.referenceProfile(full, dir).profile),
      /reference_workload/,
    );
    const small = selectFunctions(
      showFunctions('llvm-profdata-22', rust.minicovProfile(tiny, dir).profile),
      /reference_workload/,
    );
    const blockCounts = (f: Record<string, string[]>) =>
      Object.fromEntries(
        Object.entries(f).map(([name, lines]) => [
          name,
          lines.filter((l) => l.includes('Block counts')),
        ]),
      );
    const valueLines = (f: Record<string, string[]>) =>
      Object.values(f)
        .flat()
        .filter((l) => l.startsWith('\t')).length;
    expect(blockCounts(small)).toEqual(blockCounts(reference));
    expect(valueLines(reference)).toBeGreaterThan(5);
    expect(valueLines(small)).toBeGreaterThan(0);
    expect(valueLines(small)).toBeLessThan(valueLines(reference));
  });
});
