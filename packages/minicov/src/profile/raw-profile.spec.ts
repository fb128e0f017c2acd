// Raw profiles written by real instrumented programs (clang 22 and 14 on the host, the fw firmware in QEMU), intact and damaged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElfFile } from './elf-file';
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

// An indirect call through an address-taken function: IR PGO profiles its target (value data, relocated FunctionPointer).
const PROGRAM = `#include <stdio.h>
int twice(int x) { return 2 * x; }
int (*volatile op)(int) = twice;
static int classify(int x) { if (x > 3) return op(x); /*EXTRA*/ return x + 1; }
int main(int argc, char **argv) { (void)argv; printf("%d\\n", classify(argc + 3)); return 0; }
`;
const COVERAGE = ['-fprofile-instr-generate', '-fcoverage-mapping'];

interface Built {
  binary: string;
  elf: ElfFile;
  profile: string;
  bytes: Buffer;
}

let dir: string;
let v10: Built;
let v10b: Built;
let v8: Built;
let pgo: Built;

/** Compiles PROGRAM (with `extra` in place of the marker) with `clang` and `flags`, runs it and returns binary and profile. */
function buildAndRun(clang: string, name: string, flags: string[], extra = ''): Built {
  const source = join(dir, `${name}.c`);
  const binary = join(dir, name);
  const profile = join(dir, `${name}.profraw`);
  writeFileSync(source, PROGRAM.replace('/*EXTRA*/', extra));
  mustRun(clang, ['-O0', ...flags, source, '-o', binary]);
  mustRun(binary, [], { LLVM_PROFILE_FILE: profile });
  return { binary, elf: new ElfFile(binary, readFileSync(binary)), profile, bytes: readFileSync(profile) };
}

function mustRun(command: string, args: string[], env: Record<string, string> = {}, cwd?: string): void {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, cwd, encoding: 'utf8', timeout: 300_000 });
  if (result.error || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `status ${result.status}`}):\n${result.stderr}`);
  }
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

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-raw-profile-'));
  v10 = buildAndRun('clang-22', 'prog22', COVERAGE);
  v10b = buildAndRun('clang-22', 'prog22b', COVERAGE, 'if (x == 7) return 0;');
  v8 = buildAndRun('clang-14', 'prog14', COVERAGE);
  pgo = buildAndRun('clang-22', 'pgo22', ['-fprofile-generate']);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRawProfileHeader on real profiles', () => {
  it('reads a clang-22 profile: raw version 10, 64-bit, sections that add up to the file', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    expect(profile).toMatchObject({ rawVersion: 10, pointerBytes: 8, littleEndian: true, counterBytes: 8, recordSize: 64 });
    expect(profile.variantFlags).toBe(0n);
    expect(profile.sections.header.size).toBe(128);
    sectionsAddUp(profile);
    // The records are a copy of the binary's: one per instrumented function (twice, classify, main).
    expect(profile.header.numData).toBe(3n);
    expect(profile.sections.data.size).toBe(v10.elf.sectionContents('__llvm_prf_data')?.length);
    expect(profile.sections.names.size).toBe(v10.elf.sectionContents('__llvm_prf_names')?.length);
    const names = v10.bytes.subarray(profile.sections.names.offset, profile.sections.names.offset + profile.sections.names.size);
    expect([...profileNamesByRef(names).values()].sort()).toEqual(['main', 'prog22.c:classify', 'twice']);
    expect(profileNamesByRef(names).get(nameRef('main'))).toBe('main');
    expect(profile.sections.valueData.size).toBe(0);
    // The runtime writes the ELF build-id as the binary id.
    const note = v10.elf.sectionContents('.note.gnu.build-id');
    expect(note).toBeDefined();
    expect(profile.binaryIds.map((id) => id.toString('hex'))).toEqual([note?.subarray(16).toString('hex')]);
  });

  it('reads a clang-14 profile: raw version 8, an 88-byte header without bitmap or vtables', () => {
    const profile = readRawProfileHeader(v8.profile, v8.bytes);
    expect(profile).toMatchObject({ rawVersion: 8, pointerBytes: 8, recordSize: 48 });
    expect(profile.sections.header.size).toBe(88);
    expect(profile.sections.bitmap.size + profile.sections.vtables.size + profile.sections.vNames.size).toBe(0);
    expect(profile.header.numData).toBe(3n);
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
    const grown = withField(profile, Buffer.concat([v10.bytes, Buffer.alloc(24 + 8)]), 'numVTables', 1n);
    const withVTables = readRawProfileHeader('vt.profraw', withField(profile, grown, 'vNamesSize', 5n));
    expect(withVTables.sections.vtables).toEqual({ name: 'vtables', offset: end, size: 24 });
    expect(withVTables.sections.vNames).toEqual({ name: 'vNames', offset: end + 24, size: 5 });
    expect(withVTables.sections.paddingAfterVNames.size).toBe(3);
    expect(rawError('vt.profraw', () => readRawProfileHeader('vt.profraw', grown.subarray(0, end + 20)))).toContain(
      `truncated: the vtables section needs 24 bytes at offset ${end}`,
    );
  });

  it('rejects a binary ids section whose entries do not fit in it', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const at = profile.sections.binaryIds.offset;
    for (const length of [0n, 25n, 1n << 40n]) {
      const bad = Buffer.from(v10.bytes);
      bad.writeBigUInt64LE(length, at);
      expect(rawError('ids.profraw', () => readRawProfileHeader('ids.profraw', bad))).toContain('malformed binary ids section');
    }
  });

  it('rejects an empty file', () => {
    expect(rawError('empty.profraw', () => readRawProfileHeader('empty.profraw', Buffer.alloc(0)))).toContain('the file is empty');
  });

  it('rejects a file shorter than a header, and a header with nothing after it', () => {
    expect(rawError(v10.profile, () => readRawProfileHeader(v10.profile, v10.bytes.subarray(0, 5)))).toContain('shorter than a raw profile header');
    expect(rawError(v10.profile, () => readRawProfileHeader(v10.profile, v10.bytes.subarray(0, 100)))).toContain(
      'the file is 100 bytes, shorter than a raw version 10 header (128 bytes)',
    );
    expect(rawError(v10.profile, () => readRawProfileHeader(v10.profile, v10.bytes.subarray(0, 128)))).toContain(
      'truncated: the binary ids section needs 32 bytes at offset 128 but the file has 128 bytes',
    );
  });

  for (const which of ['v10', 'v8'] as const) {
    it(`rejects a ${which} profile cut at or one byte before any section boundary, naming the section`, () => {
      const { profile: file, bytes } = which === 'v10' ? v10 : v8;
      const profile = readRawProfileHeader(file, bytes);
      const sections = RAW_SECTION_ORDER.map((name) => profile.sections[name]).filter((s) => s.size > 0 && s.name !== 'valueData');
      expect(sections.map((s) => s.name)).toEqual(expect.arrayContaining(['header', 'binaryIds', 'data', 'counters', 'names']));
      for (const section of sections) {
        for (const cut of [section.offset, section.offset + section.size - 1]) {
          const message = rawError(file, () => readRawProfileHeader(file, bytes.subarray(0, cut)));
          if (section.name === 'header') expect(message).toMatch(cut === 0 ? /the file is empty/ : /shorter than a raw version \d+ header/);
          else {
            const label = rawSectionLabel(section.name);
            expect(message).toContain(`truncated: the ${label} needs ${section.size} bytes at offset ${section.offset} but the file has ${cut} bytes`);
          }
        }
      }
    });
  }

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
    expect(rawError('bad.profraw', () => readRawProfileHeader('bad.profraw', bad))).toContain('not an LLVM raw profile');
    const profdata = join(dir, 'prog22.profdata');
    mustRun('llvm-profdata-22', ['merge', '-o', profdata, v10.profile]);
    expect(rawError(profdata, () => readRawProfileHeader(profdata, readFileSync(profdata)))).toContain('not an LLVM raw profile');
    expect(rawError(v10.binary, () => readRawProfileHeader(v10.binary, readFileSync(v10.binary)))).toContain('\\x7f\\x45\\x4c\\x46');
  });

  it('rejects raw versions other than 8, 9 and 10, naming the LLVM majors and the pin', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const v7 = withField(profile, v10.bytes, 'version', 7n);
    const message = rawError('old.profraw', () => readRawProfileHeader('old.profraw', v7, { pinnedLlvmMajor: 22, pinnedRawVersion: 10 }));
    expect(message).toContain('unsupported raw profile version 7 (written by LLVM 13 or older)');
    expect(message).toContain('LLVM 14-17 write raw version 8, LLVM 18 writes 9, LLVM 19-22 write 10');
    expect(message).toContain('the workspace pins LLVM 22 (raw version 10)');
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
    expect(rawError('odd.profraw', () => readRawProfileHeader('odd.profraw', odd))).toContain('not a multiple of 8');
  });

  it('throws only RawProfileError, whatever the header says or wherever the file ends', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const values = [0n, 1n, 7n, 8n, 0xffn, 1n << 32n, 1n << 47n, 1n << 63n, (1n << 64n) - 1n];
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    for (let i = 0; i < 3000; i++) {
      const bytes = withField(profile, v10.bytes, rawHeaderFields(10)[2 + (next() % 14)] ?? 'numData', values[next() % values.length] ?? 0n);
      const cut = bytes.subarray(0, next() % (bytes.length + 1));
      try {
        readRawProfileHeader('fuzz.profraw', cut);
      } catch (error) {
        expect(error, String(error)).toBeInstanceOf(RawProfileError);
      }
    }
  });
});

describe('validateRawProfile and checkProfileMatchesBinary on real builds', () => {
  it('accepts a profile with its own binary', () => {
    expect(checkProfileMatchesBinary(v10.profile, v10.bytes, v10.binary, v10.elf).rawVersion).toBe(10);
    expect(checkProfileMatchesBinary(v10b.profile, v10b.bytes, v10b.binary, v10b.elf).rawVersion).toBe(10);
    expect(checkProfileMatchesBinary(v8.profile, v8.bytes, v8.binary, v8.elf).rawVersion).toBe(8);
  });

  it('accepts a profile of a PIE whose records hold load-time function addresses and value pointers', () => {
    const profile = readRawProfileHeader(pgo.profile, pgo.bytes);
    const inProfile = pgo.bytes.subarray(profile.sections.data.offset, profile.sections.data.offset + profile.sections.data.size);
    // The runtime's copy differs from the file's (relocated pointers), yet it is the same build.
    expect(inProfile.equals(pgo.elf.sectionContents('__llvm_prf_data') ?? Buffer.alloc(0))).toBe(false);
    expect(checkProfileMatchesBinary(pgo.profile, pgo.bytes, pgo.binary, pgo.elf).variantFlags).toBe(1n << 56n);
  });

  it('rejects a profile written by another build of the program', () => {
    for (const [profile, binary] of [
      [v10b, v10],
      [v10, v10b],
    ] as const) {
      const message = rawError(profile.profile, () => checkProfileMatchesBinary(profile.profile, profile.bytes, binary.binary, binary.elf));
      expect(message).toContain(`was written by a different build of ${binary.binary} (function records differ at record `);
      // The detail names the function, decoded from the profile's (compressed) names.
      expect(message).toMatch(/differ at record \d+: .*\b(twice|classify|main)\b/);
      expect(message).toContain('do not mix profiles written by different builds');
    }
  });

  it('rejects a profile whose function names differ from the binary', () => {
    const profile = readRawProfileHeader(v10.profile, v10.bytes);
    const renamed = Buffer.from(v10.bytes);
    const last = profile.sections.names.offset + profile.sections.names.size - 1;
    renamed[last] = (renamed[last] ?? 0) ^ 0xff;
    expect(rawError(v10.profile, () => checkProfileMatchesBinary(v10.profile, renamed, v10.binary, v10.elf))).toContain('the function names differ');
  });

  it('rejects a raw version 8 profile for a raw version 10 toolchain, naming both', () => {
    const message = rawError(v8.profile, () => validateRawProfile(v8.profile, v8.bytes, { rawVersion: 10, pointerBytes: 8, llvmMajor: 22 }));
    expect(message).toContain('raw version 8 (LLVM 14-17) but the toolchain is pinned to LLVM 22 (raw version 10)');
    expect(rawError(v8.profile, () => checkProfileMatchesBinary(v8.profile, v8.bytes, v10.binary, v10.elf))).toContain(
      "raw version 8 (LLVM 14-17) but the binary's toolchain writes raw version 10 (LLVM 19-22)",
    );
  });

  it('rejects a 64-bit profile for a 32-bit binary', () => {
    expect(rawError(v10.profile, () => validateRawProfile(v10.profile, v10.bytes, { rawVersion: 10, pointerBytes: 4 }))).toContain(
      'written by a 64-bit program, the binary is 32-bit',
    );
    expect(validateRawProfile(v10.profile, v10.bytes, { rawVersion: 10, pointerBytes: 8 }).pointerBytes).toBe(8);
  });
});

describe('the fw firmware profile from QEMU (32-bit, minicov runtime)', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  let fw: Built;

  beforeAll(() => {
    const targetDir = join(root, 'target', 'fw-coverage');
    const flags = JSON.stringify(['-Cinstrument-coverage', '-Zno-profiler-runtime', '-Csymbol-mangling-version=v0']);
    const args = ['build', '-p', 'fw', '--release', '--target', 'thumbv7m-none-eabi', '-Zbuild-std=core', '--target-dir', targetDir];
    args.push('-Zprofile-rustflags', '--config', `profile.release.package."fw".rustflags=${flags}`);
    mustRun('cargo', args, { RUSTC_BOOTSTRAP: '1', RUSTFLAGS: '', MINICOV_CFLAGS: '-fprofile-instr-generate -fcoverage-mapping' }, root);
    const binary = join(targetDir, 'thumbv7m-none-eabi', 'release', 'fw');
    const cwd = mkdtempSync(join(tmpdir(), 'minicov-raw-profile-fw-'));
    const qemu = ['-M', 'lm3s6965evb', '-nographic', '-semihosting-config', 'enable=on,target=native', '-kernel', binary];
    mustRun('qemu-system-arm', qemu, {}, cwd);
    const profile = join(cwd, 'fw.profraw');
    fw = { binary, elf: new ElfFile(binary, readFileSync(binary)), profile, bytes: readFileSync(profile) };
    rmSync(cwd, { recursive: true, force: true });
  });

  it('reads a 32-bit raw version 10 profile that matches its firmware', () => {
    const profile = checkProfileMatchesBinary(fw.profile, fw.bytes, fw.binary, fw.elf);
    expect(profile).toMatchObject({ rawVersion: 10, pointerBytes: 4, littleEndian: true, recordSize: 48 });
    expect(profile.header.numData).toBeGreaterThan(3n);
    sectionsAddUp(profile);
  });

  it('rejects the firmware profile for a 64-bit host binary and the host profile for the firmware', () => {
    expect(rawError(fw.profile, () => checkProfileMatchesBinary(fw.profile, fw.bytes, v10.binary, v10.elf))).toContain(
      'written by a 32-bit program, the binary is 64-bit',
    );
    expect(rawError(v10.profile, () => checkProfileMatchesBinary(v10.profile, v10.bytes, fw.binary, fw.elf))).toContain(
      'written by a 64-bit program, the binary is 32-bit',
    );
  });
});
