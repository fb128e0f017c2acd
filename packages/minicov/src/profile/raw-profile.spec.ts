// Raw profiles written by real instrumented programs (the shared C workload on the host with clang 22 and 14 and as
// Cortex-M3 firmware in QEMU, and the fw firmware), intact and damaged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRunOnBoard } from '../../../../tools/testing/board-qemu';
import { mustRun, run } from '../../../../tools/testing/exec';
import {
  buildRealProfile,
  EVERY_REAL_PROFILE,
  type RealProfile,
  type RealProfileSpec,
} from '../../../../tools/testing/real-profiles';
import { ElfFile } from './elf-file';
import { MAX_COUNTER_VALUE } from './function-records';
import { dataRecordLayout } from './data-record-layout';
import { nameRef, profileNamesByRef } from './profile-names';
import { rawHeaderFields } from './raw-header-fields';
import {
  RAW_SECTION_ORDER,
  RawProfileError,
  checkProfileMatchesBinary,
  rawSectionLabel,
  readRawProfileHeader,
  validateRawProfile,
  type RawProfile,
} from './raw-profile';

interface Built {
  label: string;
  binary: string;
  elf: ElfFile;
  profile: string;
  bytes: Buffer;
  rawVersion: number;
  pointerBytes: 4 | 8;
}

let dir: string;
/** Every target, LLVM major and kind of the shared workload. */
let all: Built[];
let v10: Built;
let v10b: Built;
let v8: Built;
let pgo: Built;
let firmware: Built;
let firmwareB: Built;

function build(spec: RealProfileSpec): Built {
  const real: RealProfile = buildRealProfile(dir, spec);
  return { ...real, elf: new ElfFile(real.binary, readFileSync(real.binary)) };
}

/** Runs `fn`, expects a RawProfileError naming `file`, and returns its message. */
function rawError(file: string, fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RawProfileError);
    const message = (error as RawProfileError).message;
    expect(message.startsWith(`${file}: `), message).toBe(true);
    expect(message).toContain('fix: ');
    return message;
  }
  throw new Error(`expected a RawProfileError for ${file}, but nothing was thrown`);
}

/** A copy of `bytes` with the header field `name` (raw version `profile.rawVersion`) set to `value`. */
function withField(profile: RawProfile, bytes: Buffer, name: string, value: bigint): Buffer {
  const copy = Buffer.from(bytes);
  const index = rawHeaderFields(profile.rawVersion).findIndex((f) => f === name);
  expect(index, name).toBeGreaterThanOrEqual(0);
  copy.writeBigUInt64LE(value, index * 8);
  return copy;
}

function sectionsAddUp(profile: RawProfile): void {
  let offset = 0;
  for (const name of RAW_SECTION_ORDER) {
    expect(profile.sections[name].offset, name).toBe(offset);
    offset += profile.sections[name].size;
  }
  expect(offset).toBe(profile.fileLength);
}

/** What the message for `profile` cut to `cut` bytes must say: the empty file, the short header, or the section cut. */
function cutReason(profile: RawProfile, cut: number): string {
  if (cut === 0) return 'the file is empty';
  if (cut < profile.sections.header.size) return 'shorter than a raw';
  const name = RAW_SECTION_ORDER.find(
    (n) => n !== 'valueData' && profile.sections[n].offset + profile.sections[n].size > cut,
  );
  if (name === undefined) return 'truncated: the value profile data of function record';
  const { offset, size } = profile.sections[name];
  return `truncated: the ${rawSectionLabel(name)} needs ${size} bytes at offset ${offset} but the file has ${cut} bytes`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-raw-profile-'));
  all = EVERY_REAL_PROFILE.map(build);
  const find = (target: string, llvmMajor: number, kind: string) =>
    all.find((b) => b.label === `${target} clang-${llvmMajor} ${kind}`) as Built;
  v10 = find('host', 22, 'coverage');
  v8 = find('host', 14, 'coverage');
  pgo = find('host', 22, 'pgo');
  firmware = find('cortex-m3', 22, 'coverage');
  v10b = build({ target: 'host', llvmMajor: 22, kind: 'coverage', variant: true });
  firmwareB = build({ target: 'cortex-m3', llvmMajor: 22, kind: 'coverage', variant: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRawProfileHeader on real profiles', () => {
  it('reads a clang-22 profile: raw version 10, 64-bit, sections that add up to the file', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    expect(profile).toMatchObject({
      rawVersion: 10,
      pointerBytes: 8,
      littleEndian: true,
      counterBytes: 8,
      recordSize: 64,
    });
    expect(profile.variantFlags).toBe(0n);
    expect(profile.sections.header.size).toBe(128);
    sectionsAddUp(profile);
    // The records are a copy of the binary's: one per instrumented function of workload.c and host-main.c.
    expect(profile.header.numData).toBe(6n);
    expect(profile.sections.data.size).toBe(v10.elf.sectionContents('__llvm_prf_data')?.length);
    expect(profile.sections.names.size).toBe(v10.elf.sectionContents('__llvm_prf_names')?.length);
    const names = v10.bytes.subarray(
      profile.sections.names.offset,
      profile.sections.names.offset + profile.sections.names.size,
    );
    const expected = [
      'main',
      'unused_dispatch',
      'workload',
      'workload.c:classify',
      'workload.c:plus_one',
      'workload.c:twice',
    ];
    expect([...profileNamesByRef(names).values()].sort()).toEqual(expected);
    expect(profileNamesByRef(names).get(nameRef('main'))).toBe('main');
    expect(profile.sections.valueData.size).toBe(0);
    // The runtime writes the ELF build-id as the binary id.
    const note = v10.elf.sectionContents('.note.gnu.build-id');
    expect(note).toBeDefined();
    expect(profile.binaryIds.map((id) => id.toString('hex'))).toEqual([
      note?.subarray(16).toString('hex'),
    ]);
  });

  it('reads a clang-14 profile: raw version 8, an 88-byte header without bitmap or vtables', () => {
    const profile = readRawProfileHeader(v8.profile, v8.bytes);
    expect(profile).toMatchObject({ rawVersion: 8, pointerBytes: 8, recordSize: 48 });
    expect(profile.sections.header.size).toBe(88);
    expect(
      profile.sections.bitmap.size + profile.sections.vtables.size + profile.sections.vNames.size,
    ).toBe(0);
    expect(profile.header.numData).toBe(6n);
    sectionsAddUp(profile);
  });

  it('reads an IR PGO profile: variant flags kept, value profile data at the end', () => {
    const profile = readRawProfileHeader(pgo.profile, pgo.bytes);
    expect(profile.rawVersion).toBe(10);
    expect(profile.versionWord).toBe(10n | (1n << 56n));
    expect(profile.variantFlags).toBe(1n << 56n);
    expect(profile.sections.valueData.size).toBeGreaterThan(0);
    sectionsAddUp(profile);
  });

  it('reads a big-endian profile (the same header, byte-swapped)', () => {
    const little = readRawProfileHeader(v10.profile, v10.bytes);
    const swapped = Buffer.from(v10.bytes);
    const words = [...rawHeaderFields(10).keys(), little.sections.binaryIds.offset / 8];
    for (const i of words) swapped.writeBigUInt64BE(v10.bytes.readBigUInt64LE(i * 8), i * 8);
    const big = readRawProfileHeader('be.profraw', swapped);
    expect(big.littleEndian).toBe(false);
    expect(big.sections).toEqual(little.sections);
  });

  it('places vtable records and vtable names after the names, as llvm-profdata does', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const end = v10.bytes.length;
    // One 24-byte VTableProfileData and 5 bytes of names (+3 padding) appended where the C program had none.
    const grown = withField(
      profile,
      Buffer.concat([v10.bytes, Buffer.alloc(24 + 8)]),
      'numVTables',
      1n,
    );
    const withVTables = readRawProfileHeader(
      'vt.profraw',
      withField(profile, grown, 'vNamesSize', 5n),
    );
    expect(withVTables.sections.vtables).toEqual({ name: 'vtables', offset: end, size: 24 });
    expect(withVTables.sections.vNames).toEqual({ name: 'vNames', offset: end + 24, size: 5 });
    expect(withVTables.sections.paddingAfterVNames.size).toBe(3);
    expect(
      rawError('vt.profraw', () => readRawProfileHeader('vt.profraw', grown.subarray(0, end + 20))),
    ).toContain(`truncated: the vtables section needs 24 bytes at offset ${end}`);
  });

  it('rejects a binary ids section whose entries do not fit in it', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const at = profile.sections.binaryIds.offset;
    for (const length of [0n, 25n, 1n << 40n]) {
      const bad = Buffer.from(v10.bytes);
      bad.writeBigUInt64LE(length, at);
      expect(rawError('ids.profraw', () => readRawProfileHeader('ids.profraw', bad))).toContain(
        'malformed binary ids section',
      );
    }
  });

  it('rejects an empty file', () => {
    expect(
      rawError('empty.profraw', () => readRawProfileHeader('empty.profraw', Buffer.alloc(0))),
    ).toContain('the file is empty');
  });

  it('rejects a file shorter than a header, and a header with nothing after it', () => {
    expect(
      rawError(v10.profile, () => readRawProfileHeader(v10.profile, v10.bytes.subarray(0, 5))),
    ).toContain('shorter than a raw profile header');
    expect(
      rawError(v10.profile, () => readRawProfileHeader(v10.profile, v10.bytes.subarray(0, 100))),
    ).toContain('the file is 100 bytes, shorter than a raw version 10 header (128 bytes)');
    expect(
      rawError(v10.profile, () => readRawProfileHeader(v10.profile, v10.bytes.subarray(0, 128))),
    ).toContain(
      'truncated: the binary ids section needs 32 bytes at offset 128 but the file has 128 bytes',
    );
  });

  it('rejects every real profile cut at any length, naming the section the cut falls in', () => {
    for (const built of all) {
      const profile = readRawProfileHeader(built.profile, built.bytes);
      const expectation = { rawVersion: built.rawVersion, pointerBytes: built.pointerBytes };
      expect(profile.sections.valueData.size > 0, built.label).toBe(built.label.endsWith('pgo'));
      for (let cut = 0; cut < built.bytes.length; cut++) {
        const message = rawError(built.profile, () =>
          validateRawProfile(built.profile, built.bytes.subarray(0, cut), expectation),
        );
        expect(message, `${built.label} cut at ${cut}`).toContain(cutReason(profile, cut));
      }
    }
  });

  it('rejects a cut names section, saying how many bytes the names need', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const { offset, size } = profile.sections.names;
    const cut = v10.bytes.subarray(0, offset + Math.floor(size / 2));
    expect(rawError(v10.profile, () => readRawProfileHeader(v10.profile, cut))).toContain(
      `truncated: the names section needs ${size} bytes at offset ${offset} but the file has ${cut.length} bytes`,
    );
  });

  it('rejects files that are not raw profiles: a bad magic, an indexed .profdata, the binary itself', () => {
    const bad = Buffer.from(v10.bytes);
    bad[7] = 0xfe;
    expect(rawError('bad.profraw', () => readRawProfileHeader('bad.profraw', bad))).toContain(
      'not an LLVM raw profile',
    );
    const profdata = join(dir, 'prog22.profdata');
    mustRun('llvm-profdata-22', ['merge', '-o', profdata, v10.profile], { timeoutMs: 300_000 });
    expect(
      rawError(profdata, () => readRawProfileHeader(profdata, readFileSync(profdata))),
    ).toContain('not an LLVM raw profile');
    expect(
      rawError(v10.binary, () => readRawProfileHeader(v10.binary, readFileSync(v10.binary))),
    ).toContain('\\x7f\\x45\\x4c\\x46');
  });

  it('rejects raw versions other than 8, 9 and 10, naming the LLVM majors and the pin', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const v7 = withField(profile, v10.bytes, 'version', 7n);
    const message = rawError('old.profraw', () =>
      readRawProfileHeader('old.profraw', v7, { pinnedLlvmMajor: 22, pinnedRawVersion: 10 }),
    );
    expect(message).toContain('unsupported raw profile version 7 (written by LLVM 13 or older)');
    expect(message).toContain(
      'LLVM 14-17 write raw version 8, LLVM 18 writes 9, LLVM 19-22 write 10',
    );
    expect(message).toContain('the workspace pins LLVM 22 (raw version 10)');
    const v11 = withField(profile, v10.bytes, 'version', 11n);
    expect(rawError('new.profraw', () => readRawProfileHeader('new.profraw', v11))).toContain(
      'unsupported raw profile version 11 (written by an LLVM newer than 22)',
    );
  });

  it('rejects variant flags LLVM does not define, which older llvm-profdata reads as part of the version', () => {
    for (const built of [v10, v8]) {
      const profile = readRawProfileHeader(built.profile, built.bytes);
      const flagged = withField(profile, built.bytes, 'version', profile.versionWord | (1n << 40n));
      expect(
        rawError('flags.profraw', () => readRawProfileHeader('flags.profraw', flagged)),
      ).toContain(
        `malformed header: the version word 0x${(profile.versionWord | (1n << 40n)).toString(16)} sets variant flags 0x10000000000, which LLVM does not define for raw version ${built.rawVersion}`,
      );
    }
    // Loop-entry instrumentation (bit 55) exists from raw version 10 on.
    const v10Profile = readRawProfileHeader(v10.profile, v10.bytes);
    expect(
      readRawProfileHeader(
        'loops.profraw',
        withField(v10Profile, v10.bytes, 'version', 10n | (1n << 55n)),
      ).variantFlags,
    ).toBe(1n << 55n);
    const v8Profile = readRawProfileHeader(v8.profile, v8.bytes);
    expect(
      rawError('loops.profraw', () =>
        readRawProfileHeader(
          'loops.profraw',
          withField(v8Profile, v8.bytes, 'version', 8n | (1n << 55n)),
        ),
      ),
    ).toContain('which LLVM does not define for raw version 8');
  });

  it('keeps variant flags and reads single-byte counters when the byte-coverage flag is set', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const flagged = withField(profile, v10.bytes, 'version', 10n | (1n << 60n));
    // With one byte per counter, the same counters section holds 8 times as many counters.
    const counters = withField(profile, flagged, 'numCounters', profile.header.numCounters * 8n);
    const bytewise = readRawProfileHeader('flags.profraw', counters);
    expect(bytewise).toMatchObject({ counterBytes: 1, variantFlags: 1n << 60n, rawVersion: 10 });
    expect(bytewise.sections).toEqual(profile.sections);
  });

  it('rejects implausible counts instead of computing with them', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const huge = withField(profile, v10.bytes, 'numData', 1n << 61n);
    expect(rawError('huge.profraw', () => readRawProfileHeader('huge.profraw', huge))).toContain(
      `implausible header: numData = ${1n << 61n} function records of 64 bytes would take ${(1n << 61n) * 64n} bytes`,
    );
    const odd = withField(profile, v10.bytes, 'binaryIdsSize', 12n);
    expect(rawError('odd.profraw', () => readRawProfileHeader('odd.profraw', odd))).toContain(
      'not a multiple of 8',
    );
  });
});

describe('validateRawProfile and checkProfileMatchesBinary on real builds', () => {
  it('accepts each profile with its own binary: host and Cortex-M3, raw versions 10 and 8, coverage and IR PGO', () => {
    for (const built of [...all, v10b, firmwareB]) {
      const profile = checkProfileMatchesBinary(
        built.profile,
        built.bytes,
        built.binary,
        built.elf,
      );
      expect(profile, built.label).toMatchObject({
        rawVersion: built.rawVersion,
        pointerBytes: built.pointerBytes,
      });
      expect(
        validateRawProfile(built.profile, built.bytes, {
          rawVersion: built.rawVersion,
          pointerBytes: built.pointerBytes,
        }),
      ).toEqual(profile);
      sectionsAddUp(profile);
    }
  });

  it('accepts a profile of a PIE whose records hold load-time function addresses and value pointers', () => {
    const profile = readRawProfileHeader(pgo.profile, pgo.bytes);
    const inProfile = pgo.bytes.subarray(
      profile.sections.data.offset,
      profile.sections.data.offset + profile.sections.data.size,
    );
    // The runtime's copy differs from the file's (relocated pointers), yet it is the same build.
    expect(inProfile.equals(pgo.elf.sectionContents('__llvm_prf_data') ?? Buffer.alloc(0))).toBe(
      false,
    );
    expect(
      checkProfileMatchesBinary(pgo.profile, pgo.bytes, pgo.binary, pgo.elf).variantFlags,
    ).toBe(1n << 56n);
  });

  it('rejects a profile written by another build of the program', () => {
    for (const [profile, binary] of [
      [v10b, v10],
      [v10, v10b],
      [firmwareB, firmware],
    ] as const) {
      const message = rawError(profile.profile, () =>
        checkProfileMatchesBinary(profile.profile, profile.bytes, binary.binary, binary.elf),
      );
      expect(message).toContain(
        `was written by a different build of ${binary.binary} (function records differ at record `,
      );
      // The detail names the function, decoded from the profile's (compressed) names.
      expect(message).toMatch(/differ at record \d+: .*\b(twice|classify|main|workload)\b/);
      expect(message).toContain('do not mix profiles written by different builds');
    }
  });

  it('rejects a profile whose function names differ from the binary', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const renamed = Buffer.from(v10.bytes);
    const last = profile.sections.names.offset + profile.sections.names.size - 1;
    renamed[last] = (renamed[last] ?? 0) ^ 0xff;
    expect(
      rawError(v10.profile, () =>
        checkProfileMatchesBinary(v10.profile, renamed, v10.binary, v10.elf),
      ),
    ).toContain('the function names differ');
  });

  it('rejects a profile of another raw version, naming both', () => {
    const message = rawError(v8.profile, () =>
      validateRawProfile(v8.profile, v8.bytes, { rawVersion: 10, pointerBytes: 8, llvmMajor: 22 }),
    );
    expect(message).toContain(
      'raw version 8 (LLVM 14-17) but the toolchain is pinned to LLVM 22 (raw version 10)',
    );
    expect(
      rawError(v8.profile, () =>
        checkProfileMatchesBinary(v8.profile, v8.bytes, v10.binary, v10.elf),
      ),
    ).toContain(
      "raw version 8 (LLVM 14-17) but the binary's toolchain writes raw version 10 (LLVM 19-22)",
    );
    expect(
      rawError(v10.profile, () =>
        checkProfileMatchesBinary(v10.profile, v10.bytes, v8.binary, v8.elf),
      ),
    ).toContain(
      "raw version 10 (LLVM 19-22) but the binary's toolchain writes raw version 8 (LLVM 14-17)",
    );
  });

  it('rejects a 64-bit profile for a 32-bit binary', () => {
    expect(
      rawError(v10.profile, () =>
        validateRawProfile(v10.profile, v10.bytes, { rawVersion: 10, pointerBytes: 4 }),
      ),
    ).toContain('written by a 64-bit program, the binary is 32-bit');
    expect(
      validateRawProfile(v10.profile, v10.bytes, { rawVersion: 10, pointerBytes: 8 }).pointerBytes,
    ).toBe(8);
  });
});

describe('the body of a profile, checked as llvm-profdata reads it', () => {
  const expectation = { rawVersion: 10, pointerBytes: 8 } as const;
  const validate = (bytes: Buffer) => validateRawProfile('body.profraw', bytes, expectation);

  /** Whether llvm-profdata-22 merges `bytes`: the checks must refuse what it refuses. */
  function llvmProfdataMerges(bytes: Buffer): boolean {
    const file = join(dir, 'body.profraw');
    writeFileSync(file, bytes);
    return (
      run('llvm-profdata-22', [
        'merge',
        '--failure-mode=any',
        '-o',
        join(dir, 'body.profdata'),
        file,
      ]).code === 0
    );
  }

  it('rejects a function record without counters', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const bad = Buffer.from(v10.bytes);
    bad.writeUInt32LE(0, profile.sections.data.offset + dataRecordLayout(10, 8).numCountersOffset);
    expect(rawError('body.profraw', () => validate(bad))).toMatch(
      /malformed function record: function record 0 \(.+\) has no counters/,
    );
    expect(llvmProfdataMerges(bad)).toBe(false);
  });

  it("rejects a countersDelta that puts a record's counters outside the counters section, either way", () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const size = profile.sections.counters.size;
    for (const shift of [8n, -8n]) {
      const bad = withField(
        profile,
        v10.bytes,
        'countersDelta',
        BigInt.asUintN(64, profile.header.countersDelta + shift),
      );
      const message = rawError('body.profraw', () => validate(bad));
      expect(message).toMatch(
        new RegExp(
          `malformed function record: function record \\d+ \\(.+\\) has \\d+ counter bytes at offset -?\\d+ of the counters section, which holds ${size} bytes`,
        ),
      );
      expect(message).toContain("(the record's offset and the header's countersDelta disagree)");
      expect(llvmProfdataMerges(bad)).toBe(false);
    }
  });

  it('rejects a counter above 2^56, as llvm-profdata-22 does, and keeps one of 2^56', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const withCounter = (value: bigint) => {
      const bytes = Buffer.from(v10.bytes);
      bytes.writeBigUInt64LE(value, profile.sections.counters.offset);
      return bytes;
    };
    const tooLarge = withCounter(MAX_COUNTER_VALUE + 1n);
    expect(rawError('body.profraw', () => validate(tooLarge))).toMatch(
      new RegExp(
        `corrupt counter: counter 0 of function record \\d+ \\(.+\\) holds ${MAX_COUNTER_VALUE + 1n}, more than 2\\^56`,
      ),
    );
    expect(llvmProfdataMerges(tooLarge)).toBe(false);
    expect(validate(withCounter(MAX_COUNTER_VALUE)).rawVersion).toBe(10);
    expect(llvmProfdataMerges(withCounter(MAX_COUNTER_VALUE))).toBe(true);
  });

  it('names counters that were never zeroed by the fill they started from: RAM at power-up, stack painting', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    for (const [fill, value] of [
      ['a5', 0xa5a5a5a5a5a5a5aen],
      ['cc', 0xcccccccccccccccfn],
    ] as const) {
      const bytes = Buffer.from(v10.bytes);
      bytes.writeBigUInt64LE(value, profile.sections.counters.offset);
      const message = rawError('body.profraw', () => validate(bytes));
      expect(message).toContain(
        `holds 0x${value.toString(16)}, the byte 0x${fill} repeated plus a count: __llvm_prf_cnts held memory contents when the program started`,
      );
      expect(message).toContain('fix: zero the counters before any instrumented code runs');
    }
    // A high half that is not one byte repeated is damage, not a fill.
    const bytes = Buffer.from(v10.bytes);
    bytes.writeBigUInt64LE(0xa5a5a5a4_00000001n, profile.sections.counters.offset);
    expect(rawError('body.profraw', () => validate(bytes))).toContain('corrupt counter');
  });

  it('rejects malformed value profile data: a block size not a multiple of 8, too many kinds, an unknown kind', () => {
    const profile = readRawProfileHeader(pgo.profile, pgo.bytes);
    const block = profile.sections.valueData.offset;
    const cases: [number, number, string][] = [
      [block, 12, 'has a total size of 12 bytes, not a multiple of 8'],
      [block + 4, 4, 'lists 4 value kinds, more than the 3 this raw version has'],
      [block + 8, 7, 'has value kind 7, which this raw version does not define'],
    ];
    for (const [at, value, problem] of cases) {
      const bad = Buffer.from(pgo.bytes);
      bad.writeUInt32LE(value, at);
      const message = rawError('body.profraw', () => validate(bad));
      expect(message).toMatch(
        new RegExp(
          `malformed value profile data at offset ${block}: the value profile data of function record \\d+ \\(.+\\) `,
        ),
      );
      expect(message).toContain(problem);
      expect(llvmProfdataMerges(bad), problem).toBe(false);
    }
  });

  it('allows zero padding after the profile, but rejects other bytes and a second profile appended', () => {
    const end = v10.bytes.length;
    const padded = Buffer.concat([v10.bytes, Buffer.alloc(16)]);
    expect(validate(padded).sections.valueData.size).toBe(16);
    expect(llvmProfdataMerges(padded)).toBe(true);
    const junk = Buffer.concat([v10.bytes, Buffer.from([0, 0, 0x55, 0, 0, 0, 0, 0])]);
    expect(rawError('body.profraw', () => validate(junk))).toContain(
      `8 bytes follow the end of the profile at offset ${end}, not all zero (the first non-zero byte is at offset ${end + 2})`,
    );
    expect(llvmProfdataMerges(junk)).toBe(false);
    const twice = Buffer.concat([v10.bytes, v10.bytes]);
    const message = rawError('body.profraw', () => validate(twice));
    expect(message).toContain(
      `${end} bytes follow the end of the profile at offset ${end}, and they start another 64-bit profile at offset ${end}`,
    );
    expect(message).toContain('write each capture to a file of its own');
  });

  it('rejects a profile written with debug-info correlation, which minicov does not hand to llvm-profdata', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const correlated = withField(profile, v10.bytes, 'version', profile.versionWord | (1n << 59n));
    expect(rawError('body.profraw', () => validate(correlated))).toContain(
      'written with debug-info correlation (-profile-correlate=debug-info)',
    );
    expect(
      rawError(v10.profile, () =>
        checkProfileMatchesBinary(v10.profile, correlated, v10.binary, v10.elf),
      ),
    ).toContain('debug-info correlation');
  });
});

describe('the fw firmware profile from QEMU (32-bit, minicov runtime)', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  let fw: Built;

  beforeAll(() => {
    const targetDir = join(root, 'target', 'fw-coverage');
    const flags = JSON.stringify([
      '-Cinstrument-coverage',
      '-Zno-profiler-runtime',
      '--cfg',
      'minicov',
      '-Csymbol-mangling-version=v0',
    ]);
    const args = [
      'build',
      '-p',
      'fw',
      '--release',
      '--target',
      'thumbv7m-none-eabi',
      '-Zbuild-std=core',
      '--target-dir',
      targetDir,
    ];
    args.push('-Zprofile-rustflags', '--config', `profile.release.package."fw".rustflags=${flags}`);
    mustRun('cargo', args, {
      env: {
        RUSTC_BOOTSTRAP: '1',
        RUSTFLAGS: '',
        MINICOV_CFLAGS: '-fprofile-instr-generate -fcoverage-mapping',
      },
      cwd: root,
      timeoutMs: 300_000,
    });
    const binary = join(targetDir, 'thumbv7m-none-eabi', 'release', 'fw');
    const cwd = mkdtempSync(join(tmpdir(), 'minicov-raw-profile-fw-'));
    mustRunOnBoard(binary, cwd, { timeoutMs: 300_000 });
    const profile = join(cwd, 'fw.profraw');
    fw = {
      label: 'fw',
      binary,
      elf: new ElfFile(binary, readFileSync(binary)),
      profile,
      bytes: readFileSync(profile),
      rawVersion: 10,
      pointerBytes: 4,
    };
    rmSync(cwd, { recursive: true, force: true });
  });

  it('reads a 32-bit raw version 10 profile that matches its firmware', () => {
    const profile = checkProfileMatchesBinary(fw.profile, fw.bytes, fw.binary, fw.elf);
    expect(profile).toMatchObject({
      rawVersion: 10,
      pointerBytes: 4,
      littleEndian: true,
      recordSize: 48,
    });
    expect(profile.header.numData).toBeGreaterThan(3n);
    sectionsAddUp(profile);
  });

  it('rejects the firmware profile for a 64-bit host binary and the host profile for the firmware', () => {
    expect(
      rawError(fw.profile, () =>
        checkProfileMatchesBinary(fw.profile, fw.bytes, v10.binary, v10.elf),
      ),
    ).toContain('written by a 32-bit program, the binary is 64-bit');
    expect(
      rawError(v10.profile, () =>
        checkProfileMatchesBinary(v10.profile, v10.bytes, fw.binary, fw.elf),
      ),
    ).toContain('written by a 64-bit program, the binary is 32-bit');
  });
});
