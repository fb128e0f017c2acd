// fast-check arbitraries that damage a real raw profile: a u64 word set to an extreme, random or nearby value, the file
// cut at any length or near a section boundary, bits flipped. Positions are drawn blind and fitted to the file on use.
import fc from 'fast-check';

/** u64 values that break size arithmetic: zero, one, around 2^31, 2^32, 2^53 (doubles) and 2^63, and all ones. */
export const EXTREME_WORDS: readonly bigint[] = [
  0n,
  1n,
  2n ** 31n,
  2n ** 32n - 1n,
  2n ** 32n,
  2n ** 53n,
  2n ** 53n + 1n,
  2n ** 63n,
  2n ** 64n - 1n,
];

/** Sets one u64 word (a header field when `inHeader`, else any aligned word of the file). */
export interface WordMutation {
  kind: 'word';
  inHeader: boolean;
  word: number;
  /** The new value, or a signed change of the old one (an off-by-some size, count or delta). */
  value: bigint | { delta: number };
}

/** Cuts the file: at any length, or `delta` bytes from a section boundary. */
export interface CutMutation {
  kind: 'cut';
  at: number;
  nearBoundary: boolean;
  delta: number;
}

/** Flips one bit (in the header when `inHeader`). */
export interface FlipMutation {
  kind: 'flip';
  inHeader: boolean;
  at: number;
  bit: number;
}

export type ProfileMutation = WordMutation | CutMutation | FlipMutation;

/** What mutations need to know about the profile they damage. */
export interface MutationTarget {
  bytes: Buffer;
  headerBytes: number;
  littleEndian: boolean;
  /** Offsets where sections start or end. */
  boundaries: readonly number[];
}

/** The layout mutations need, as a parsed raw profile (RawProfile) gives it. */
export interface ProfileLayout {
  littleEndian: boolean;
  sections: Readonly<Record<string, { offset: number; size: number }>>;
}

/**
 * The mutation target for `bytes`, whose parsed layout is `layout`: its header size, byte order and section boundaries.
 */
export function mutationTarget(bytes: Buffer, layout: ProfileLayout): MutationTarget {
  const boundaries = Object.values(layout.sections).flatMap(({ offset, size }) => [
    offset,
    offset + size,
  ]);
  return {
    bytes,
    headerBytes: layout.sections.header?.size ?? 0,
    littleEndian: layout.littleEndian,
    boundaries: [...new Set(boundaries)],
  };
}

const wordValue: fc.Arbitrary<WordMutation['value']> = fc.oneof(
  fc.constantFrom(...EXTREME_WORDS),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.integer({ min: -64, max: 64 }).map((delta) => ({ delta })),
);

export const wordMutation: fc.Arbitrary<WordMutation> = fc.record({
  kind: fc.constant('word' as const),
  inHeader: fc.boolean(),
  word: fc.nat(),
  value: wordValue,
});

export const cutMutation: fc.Arbitrary<CutMutation> = fc.record({
  kind: fc.constant('cut' as const),
  at: fc.nat(),
  nearBoundary: fc.boolean(),
  delta: fc.integer({ min: -9, max: 9 }),
});

export const flipMutation: fc.Arbitrary<FlipMutation> = fc.record({
  kind: fc.constant('flip' as const),
  inHeader: fc.boolean(),
  at: fc.nat(),
  bit: fc.nat(7),
});

export const anyMutation: fc.Arbitrary<ProfileMutation> = fc.oneof(
  wordMutation,
  cutMutation,
  flipMutation,
);

/** A damaged copy of `target.bytes`: `mutations` applied in order (the original is left alone). */
export function applyMutations(
  target: MutationTarget,
  mutations: readonly ProfileMutation[],
): Buffer {
  let bytes = Buffer.from(target.bytes);
  for (const mutation of mutations) {
    if (mutation.kind === 'cut') {
      const boundary = target.boundaries[mutation.at % Math.max(1, target.boundaries.length)] ?? 0;
      const length = mutation.nearBoundary
        ? boundary + mutation.delta
        : mutation.at % (bytes.length + 1);
      bytes = bytes.subarray(0, Math.max(0, Math.min(bytes.length, length)));
      continue;
    }
    const span = mutation.inHeader ? Math.min(target.headerBytes, bytes.length) : bytes.length;
    if (mutation.kind === 'flip') {
      if (span === 0) continue;
      const at = mutation.at % span;
      bytes[at] = (bytes[at] ?? 0) ^ (1 << mutation.bit);
      continue;
    }
    const words = Math.floor(span / 8);
    if (words === 0) continue;
    const at = (mutation.word % words) * 8;
    const old = target.littleEndian ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at);
    const value =
      typeof mutation.value === 'bigint'
        ? mutation.value
        : BigInt.asUintN(64, old + BigInt(mutation.value.delta));
    if (target.littleEndian) bytes.writeBigUInt64LE(value, at);
    else bytes.writeBigUInt64BE(value, at);
  }
  return bytes;
}
