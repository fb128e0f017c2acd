// Properties of the raw-profile checks over arbitrary bytes and damaged real profiles: they return or throw
// RawProfileError naming the file, never anything else, and never read or write outside the Buffer they are given.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectSurroundingsUntouched,
  guardedView,
  SURROUNDING_FILLS,
} from '../../../../tools/testing/guarded-view';
import {
  anyMutation,
  applyMutations,
  cutMutation,
  EXTREME_WORDS,
  flipMutation,
  wordMutation,
  type ProfileMutation,
} from '../../../../tools/testing/profile-mutations';
import { buildProfileCases, type ProfileCase } from '../../../../tools/testing/profile-cases';
import { RAW_MAGIC_32, RAW_MAGIC_64, rawHeaderFields } from './raw-header-fields';
import {
  RAW_SECTION_ORDER,
  RawProfileError,
  checkProfileMatchesBinary,
  readRawProfileHeader,
  validateRawProfile,
  type RawProfile,
} from './raw-profile';

/** Runs per property; fast-check prints the seed and path of any failure so it can be replayed. */
const RUNS = 2500;
const FILE = 'damaged.profraw';

let dir: string;
let cases: ProfileCase[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-profile-properties-'));
  cases = buildProfileCases(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What one check did with one input: what it returned (as text) or the RawProfileError message. */
type Outcome = { returned: string } | { rejected: string };

/** The three checks verifyProfile runs, each on its own copy of `bytes` seen through guarded views. */
function checkAll(
  bytes: Uint8Array,
  expect_: { rawVersion: number; pointerBytes: 4 | 8 },
  binary: ProfileCase,
): Outcome[] {
  return [
    guarded(bytes, (view) => readRawProfileHeader(FILE, view)),
    guarded(bytes, (view) => validateRawProfile(FILE, view, expect_)),
    guarded(bytes, (view) => checkProfileMatchesBinary(FILE, view, binary.real.binary, binary.elf)),
  ];
}

/**
 * Runs `check` on `bytes` placed in ArrayBuffers whose bytes around the view differ; the outcome must be the same
 * (nothing outside the view was read), the input and its surroundings unchanged, and a returned profile must
 * describe only bytes inside the view.
 */
function guarded(bytes: Uint8Array, check: (view: Buffer) => RawProfile): Outcome {
  const [first, ...others] = SURROUNDING_FILLS.map((fill) => {
    const view = guardedView(bytes, fill);
    const outcome = outcomeOf(() => {
      const profile = check(view);
      expectInsideView(profile, view);
      return profile;
    });
    if (!view.equals(bytes)) throw new Error('the check changed the bytes it was given');
    expectSurroundingsUntouched(view, fill);
    return outcome;
  });
  for (const other of others) {
    if (JSON.stringify(other) !== JSON.stringify(first)) {
      throw new Error(
        `the outcome depends on bytes outside the Buffer:\n${JSON.stringify(first)}\n${JSON.stringify(other)}`,
      );
    }
  }
  return first as Outcome;
}

/** Anything thrown other than a RawProfileError naming FILE with a fix escapes and fails the property. */
function outcomeOf(check: () => RawProfile): Outcome {
  try {
    return { returned: describeProfile(check()) };
  } catch (error) {
    if (!(error instanceof RawProfileError)) throw error;
    if (!error.message.startsWith(`${FILE}: `) || !error.message.includes('\n  fix: ')) {
      throw new Error(`a RawProfileError that does not name the file and a fix: ${error.message}`);
    }
    return { rejected: error.message };
  }
}

function describeProfile(profile: RawProfile): string {
  return JSON.stringify(profile, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

/** The sections tile the view exactly, and every binary id is a view of the binary ids section. */
function expectInsideView(profile: RawProfile, view: Buffer): void {
  let offset = 0;
  for (const name of RAW_SECTION_ORDER) {
    if (profile.sections[name].offset !== offset)
      throw new Error(`section ${name} starts at ${profile.sections[name].offset}, not ${offset}`);
    offset += profile.sections[name].size;
  }
  if (offset !== view.length)
    throw new Error(`the sections cover ${offset} bytes of a ${view.length}-byte file`);
  const start = view.byteOffset + profile.sections.binaryIds.offset;
  const end = start + profile.sections.binaryIds.size;
  for (const id of profile.binaryIds) {
    if (id.buffer !== view.buffer || id.byteOffset < start || id.byteOffset + id.length > end) {
      throw new Error(`a binary id of ${id.length} bytes lies outside the binary ids section`);
    }
  }
}

/**
 * The real case with `label`: properties draw labels,
 * so a counterexample prints as a label, not as a whole profile and ELF.
 */
function realCase(label: string): ProfileCase {
  return cases.find((c) => c.real.label === label) as ProfileCase;
}

/** Damages a real profile with `mutations` and runs every check on the result. */
function damagedRealProfile(mutations: fc.Arbitrary<ProfileMutation[]>) {
  return fc.property(
    fc.constantFrom(...cases.map((c) => c.real.label)),
    mutations,
    (label, applied) => {
      const c = realCase(label);
      checkAll(
        applyMutations(c.target, applied),
        { rawVersion: c.real.rawVersion, pointerBytes: c.real.pointerBytes },
        c,
      );
    },
  );
}

describe('the raw-profile checks never throw anything but RawProfileError and never read outside their Buffer', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (bytes) => {
        const binary = cases[0] as ProfileCase;
        checkAll(
          bytes,
          { rawVersion: binary.real.rawVersion, pointerBytes: binary.real.pointerBytes },
          binary,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('on a raw magic (either width, either byte order) and version, then arbitrary header words and bytes', () => {
    const magic = fc.record({
      pointerBytes: fc.constantFrom(4 as const, 8 as const),
      littleEndian: fc.boolean(),
    });
    const version = fc.oneof(
      fc.constantFrom(8n, 9n, 10n),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    );
    const flags = fc.oneof(
      fc.constant(0n),
      fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }).map((high) => high << 32n),
    );
    // Small words keep sizes plausible so that parsing goes deep; extreme and random ones break it.
    const word = fc.oneof(
      { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 64n }) },
      fc.constantFrom(...EXTREME_WORDS),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    );
    const header = fc.record({
      magic,
      version,
      flags,
      words: fc.array(word, { maxLength: 40 }),
      tail: fc.uint8Array({ maxLength: 300 }),
    });
    fc.assert(
      fc.property(header, ({ magic: m, version: v, flags: f, words, tail }) => {
        const all = [
          m.pointerBytes === 8 ? RAW_MAGIC_64 : RAW_MAGIC_32,
          f | (v & 0xffff_ffffn),
          ...words,
        ];
        const bytes = Buffer.alloc(all.length * 8);
        all.forEach((value, i) =>
          m.littleEndian
            ? bytes.writeBigUInt64LE(value, i * 8)
            : bytes.writeBigUInt64BE(value, i * 8),
        );
        const binary = cases.find((c) => c.real.pointerBytes === m.pointerBytes) as ProfileCase;
        checkAll(
          Buffer.concat([bytes, tail]),
          { rawVersion: Number(v & 0xffff_ffffn), pointerBytes: m.pointerBytes },
          binary,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('on real profiles with header words set to extreme, random or nearby values', () => {
    const inHeader = wordMutation.map((mutation) => ({ ...mutation, inHeader: true }));
    fc.assert(damagedRealProfile(fc.array(inHeader, { minLength: 1, maxLength: 3 })), {
      numRuns: RUNS,
    });
  });

  it('on real profiles cut at any length or near a section boundary', () => {
    fc.assert(damagedRealProfile(fc.tuple(cutMutation)), { numRuns: RUNS });
  });

  it('on real profiles with bits flipped anywhere', () => {
    fc.assert(damagedRealProfile(fc.array(flipMutation, { minLength: 1, maxLength: 8 })), {
      numRuns: RUNS,
    });
  });

  it('on real profiles damaged several ways at once', () => {
    fc.assert(damagedRealProfile(fc.array(anyMutation, { minLength: 2, maxLength: 5 })), {
      numRuns: RUNS,
    });
  });

  it('with every header word of every real profile set to each extreme value, accepting only fields no reader uses', () => {
    // llvm-profdata ignores the names delta and the value kind last,
    // and the bitmap delta when no function has bitmap bytes.
    const unused = new Set(['namesDelta', 'valueKindLast', 'bitmapDelta']);
    for (const c of cases) {
      const fields = rawHeaderFields(c.real.rawVersion);
      fields.forEach((field, word) => {
        for (const value of EXTREME_WORDS) {
          const bytes = applyMutations(c.target, [{ kind: 'word', inHeader: true, word, value }]);
          const outcomes = checkAll(
            bytes,
            { rawVersion: c.real.rawVersion, pointerBytes: c.real.pointerBytes },
            c,
          );
          const accepted = outcomes.every((outcome) => 'returned' in outcome);
          if (accepted && !bytes.equals(c.real.bytes))
            expect(unused.has(field), `${c.real.label}: ${field} = ${value} accepted`).toBe(true);
        }
      });
    }
  });

  it('accepts every undamaged real profile, so that the properties start from valid input', () => {
    for (const c of cases) {
      const outcomes = checkAll(
        c.real.bytes,
        { rawVersion: c.real.rawVersion, pointerBytes: c.real.pointerBytes },
        c,
      );
      expect(
        outcomes.map((outcome) => 'returned' in outcome),
        c.real.label,
      ).toEqual([true, true, true]);
    }
  });
});
