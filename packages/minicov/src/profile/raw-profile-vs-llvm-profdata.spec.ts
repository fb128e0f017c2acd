// Every damaged profile the checks let through, llvm-profdata of the same LLVM major must merge too:
// whatever would make llvm-profdata fail is rejected first, naming the file,
// so the pipeline never hands llvm-profdata a broken profile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../../tools/testing/exec';
import {
  anyMutation,
  applyMutations,
  EXTREME_WORDS,
  type ProfileMutation,
} from '../../../../tools/testing/profile-mutations';
import { buildProfileCases, type ProfileCase } from '../../../../tools/testing/profile-cases';
import { RawProfileError, checkProfileMatchesBinary } from './raw-profile';

/** Each accepted case runs llvm-profdata (some 20 ms), so this property runs fewer cases than the in-process ones. */
const RUNS = 600;

let dir: string;
let cases: ProfileCase[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-profile-vs-profdata-'));
  cases = buildProfileCases(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Whether the checks accept `bytes` as a profile of `c`'s binary; anything but a RawProfileError escapes. */
function accepted(c: ProfileCase, bytes: Buffer): boolean {
  try {
    checkProfileMatchesBinary('damaged.profraw', bytes, c.real.binary, c.elf);
    return true;
  } catch (error) {
    if (error instanceof RawProfileError) return false;
    throw error;
  }
}

/**
 * Runs `llvmProfdata merge` on `files`, failing if any of them cannot be read;
 * returns its stderr, or undefined on success.
 */
function mergeFails(llvmProfdata: string, files: string[]): string | undefined {
  const result = run(llvmProfdata, [
    'merge',
    '--failure-mode=any',
    '-o',
    join(dir, 'merged.profdata'),
    ...files,
  ]);
  return result.code === 0 ? undefined : result.stderr;
}

/**
 * Writes the accepted damaged profiles, merges them in one call
 * and, if that fails, names each one llvm-profdata refuses.
 */
function expectMergeable(c: ProfileCase, damaged: { bytes: Buffer; what: string }[]): void {
  const files = damaged.map(({ bytes }, i) => {
    const file = join(dir, `damaged-${i}.profraw`);
    writeFileSync(file, bytes);
    return file;
  });
  if (files.length === 0 || mergeFails(c.real.llvmProfdata, files) === undefined) return;
  const refused = files.flatMap((file, i) => {
    const stderr = mergeFails(c.real.llvmProfdata, [file]);
    return stderr === undefined ? [] : [`${damaged[i]?.what}: ${stderr}`];
  });
  throw new Error(
    `${c.real.label}: the checks accept, ${c.real.llvmProfdata} refuses:\n${refused.join('\n')}`,
  );
}

describe('what the checks accept, llvm-profdata merges', () => {
  it('the undamaged real profiles, each with the llvm-profdata of its LLVM major', () => {
    for (const c of cases) {
      expect(accepted(c, c.real.bytes), c.real.label).toBe(true);
      expectMergeable(c, [{ bytes: c.real.bytes, what: 'undamaged' }]);
    }
  });

  it('every header word of every real profile set to each extreme value', () => {
    let count = 0;
    for (const c of cases) {
      const damaged: { bytes: Buffer; what: string }[] = [];
      for (let word = 0; word < c.target.headerBytes / 8; word++) {
        for (const value of EXTREME_WORDS) {
          const bytes = applyMutations(c.target, [{ kind: 'word', inHeader: true, word, value }]);
          if (!bytes.equals(c.real.bytes) && accepted(c, bytes))
            damaged.push({ bytes, what: `header word ${word} = ${value}` });
        }
      }
      expectMergeable(c, damaged);
      count += damaged.length;
    }
    // The names delta and value kind last, which no reader uses, may take any value: some damage gets through.
    expect(count).toBeGreaterThan(0);
  });

  it('real profiles damaged at random', () => {
    let merged = 0;
    const mutations = fc.array(anyMutation, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.constantFrom(...cases.map((c) => c.real.label)),
        mutations,
        (label, applied: ProfileMutation[]) => {
          const c = cases.find((candidate) => candidate.real.label === label) as ProfileCase;
          const bytes = applyMutations(c.target, applied);
          if (!accepted(c, bytes)) return;
          expectMergeable(c, [
            {
              bytes,
              what: JSON.stringify(applied, (_key, value: unknown) =>
                typeof value === 'bigint' ? String(value) : value,
              ),
            },
          ]);
          merged++;
        },
      ),
      { numRuns: RUNS },
    );
    // Flipped counter bits and the like are harmless: some of the damaged profiles reach llvm-profdata, so the property
    // is not vacuous. About one in twenty does (29 of 600 in one run); the bound sits well below that.
    expect(merged).toBeGreaterThan(RUNS / 60);
  });
});
