import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElfFormatError } from '../profile/elf-file';
import { verifyProfile } from '../profile/verify-profile';
import { BinaryCheckError, checkInstrumentedBinary, type BinaryProblemKind } from './binary-check';

// Real binaries built by the LLVM 22 and LLVM 14 toolchains on this machine, then checked.
const repoRoot = join(__dirname, '..', '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'minicov-binary-check-'));
const at = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = work,
): string {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stderr}`);
  return result.stdout;
}

async function problemsOf(
  path: string,
  expectation: Parameters<typeof checkInstrumentedBinary>[1],
): Promise<BinaryCheckError> {
  const error = await checkInstrumentedBinary(path, expectation).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BinaryCheckError);
  return error as BinaryCheckError;
}

const kinds = (error: BinaryCheckError): BinaryProblemKind[] => error.problems.map((p) => p.kind);

// Four functions: main, square, helper, unused_fn.
const MAIN_C = `int helper(int x);
static int square(int x) { return x * x; }
int main(int argc, char **argv) { (void)argv; return helper(argc) + square(argc) > 100; }
`;
const HELPER_C = `int helper(int x) { if (x > 3) return x - 1; return x + 1; }
int unused_fn(int y) { return y * 2; }
`;
const instrument = ['-O0', '-fprofile-instr-generate', '-fcoverage-mapping'];

describe('checkInstrumentedBinary on host (64-bit) binaries', () => {
  beforeAll(() => {
    writeFileSync(at('main.c'), MAIN_C);
    writeFileSync(at('helper.c'), HELPER_C);
    run('clang-22', [...instrument, '-c', 'main.c', '-o', 'main22.o']);
    run('clang-22', [...instrument, '-c', 'helper.c', '-o', 'helper22.o']);
    // clang-14 only compiles (-c): the link, and the profile runtime, are clang-22's.
    run('clang-14', [...instrument, '-c', 'helper.c', '-o', 'helper14.o']);
    run('clang-22', ['-fprofile-instr-generate', 'main22.o', 'helper22.o', '-o', 'good']);
    run('clang-22', ['-fprofile-instr-generate', 'main22.o', 'helper14.o', '-o', 'mixed']);
    run('clang-22', ['main.c', 'helper.c', '-o', 'plain']);
    // Binary correlation: records in __llvm_covdata, which is not loaded; one object without it makes a mix.
    const correlate = [...instrument, '-mllvm', '-profile-correlate=binary'];
    run('clang-22', [...correlate, '-c', 'main.c', '-o', 'main22c.o']);
    run('clang-22', [...correlate, '-c', 'helper.c', '-o', 'helper22c.o']);
    run('clang-22', ['-fprofile-instr-generate', 'main22c.o', 'helper22c.o', '-o', 'correlated']);
    run('clang-22', ['-fprofile-instr-generate', 'main22c.o', 'helper22.o', '-o', 'half']);
  });

  it('passes a binary-correlated binary built so, reading its records from __llvm_covdata', async () => {
    const report = await checkInstrumentedBinary(at('correlated'), {
      llvmMajor: 22,
      correlated: true,
    });
    expect(report).toMatchObject({ correlated: true, recordCount: 4, recordBytes: 4 * 64 });
    const full = await checkInstrumentedBinary(at('good'), { llvmMajor: 22 });
    expect(full.correlated).toBe(false);

    // Its profile holds the counters alone; it passes the checks against its own binary, a full one does not.
    run(at('correlated'), [], { LLVM_PROFILE_FILE: at('correlated.profraw') });
    run(at('good'), [], { LLVM_PROFILE_FILE: at('full.profraw') });
    await verifyProfile(at('correlated.profraw'), report);
    await expect(verifyProfile(at('full.profraw'), report)).rejects.toThrow(
      'the profile holds 4 function records, but the binary keeps its records out of the image',
    );
    await expect(verifyProfile(at('correlated.profraw'), full)).rejects.toThrow(
      'function records differ',
    );

    // Without records, every counter is still checked: one that started from RAM contents is named.
    const bytes = readFileSync(at('correlated.profraw'));
    const counters = 128 + Number(bytes.readBigUInt64LE(16)); // the header, then the binary ids
    bytes.writeBigUInt64LE(0xa5a5a5a5_00000002n, counters + 8);
    writeFileSync(at('unzeroed.profraw'), bytes);
    await expect(verifyProfile(at('unzeroed.profraw'), report)).rejects.toThrow(
      'counters that were never zeroed: counter 1 of the counters section holds 0xa5a5a5a500000002',
    );
  });

  it('names a binary whose records are in both places, and one built otherwise than the crate says', async () => {
    const half = await problemsOf(at('half'), { llvmMajor: 22, correlated: true });
    expect(kinds(half)).toEqual(['correlation']);
    expect(half.message).toContain(
      'holds function records both in __llvm_prf_data (in the image) and in __llvm_covdata (binary correlation)',
    );
    expect(half.fix).toContain('MINICOV_CFLAGS');
    const unasked = await problemsOf(at('correlated'), { llvmMajor: 22 });
    expect(unasked.message).toContain('but the crate does not set correlate = "binary"');
    const missing = await problemsOf(at('good'), { llvmMajor: 22, correlated: true });
    expect(missing.message).toContain(
      'was built with correlate = "binary", but its function records are in __llvm_prf_data',
    );
  });

  it('passes a clang-22 binary pinned to LLVM 22, counting one record per function', async () => {
    const report = await checkInstrumentedBinary(at('good'), { llvmMajor: 22 });
    expect(report).toMatchObject({
      rawVersion: 10,
      pointerBytes: 8,
      recordCount: 4,
      recordBytes: 4 * 64,
    });
    expect(report.countersBytes).toBeGreaterThanOrEqual(4 * 8);
    expect(report.compilers.filter((c) => c.compiler === 'clang').map((c) => c.llvmMajor)).toEqual([
      22,
    ]);

    run(at('good'), [], { LLVM_PROFILE_FILE: at('good.profraw') });
    const shown = run('llvm-profdata-22', ['show', '--all-functions', at('good.profraw')]);
    expect(Number(/Total functions: (\d+)/.exec(shown)?.[1])).toBe(report.recordCount);
  });

  it('rejects a clang-14 object linked into an LLVM 22 binary, naming clang 14 and the fix', async () => {
    const error = await problemsOf(at('mixed'), { llvmMajor: 22 });
    expect(kinds(error)).toContain('compiler-version');
    expect(kinds(error)).toContain('record-layout');
    expect(error.message).toContain(at('mixed'));
    expect(error.message).toMatch(
      /clang version 14\.[\d.]+" \(LLVM 14\), but the workspace pins LLVM 22/,
    );
    expect(error.message).toContain('not a whole number of 64-byte records');
    expect(error.fix).toContain('CC=clang-22');
    expect(error.fix).toContain('cargo clean');
  });

  it('rejects the LLVM 22 binary when the pin says LLVM 14', async () => {
    const error = await problemsOf(at('good'), { llvmMajor: 14 });
    expect(kinds(error)).toEqual(
      expect.arrayContaining(['compiler-version', 'profile-version', 'record-layout']),
    );
    expect(error.message).toContain(
      '__llvm_profile_raw_version says raw profile version 10, but LLVM 14 writes version 8',
    );
    expect(error.message).toContain('not a whole number of 48-byte records');
  });

  it('says a binary built without instrumentation is not instrumented, and how to build it', async () => {
    const error = await problemsOf(at('plain'), { llvmMajor: 22 });
    expect(kinds(error)).toEqual(['not-instrumented']);
    expect(error.message).toContain(`${at('plain')}: not instrumented`);
    expect(error.fix).toContain('-Cinstrument-coverage');
  });

  it('names a missing binary, and refuses a file that is not ELF', async () => {
    expect(kinds(await problemsOf(at('no-such-binary'), { llvmMajor: 22 }))).toEqual([
      'unreadable',
    ]);
    const error = await checkInstrumentedBinary(at('main.c'), { llvmMajor: 22 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ElfFormatError);
    expect((error as Error).message).toContain(at('main.c'));
  });

  it('refuses an LLVM major minicov has no profile format for', async () => {
    expect(kinds(await problemsOf(at('good'), { llvmMajor: 12 }))).toEqual(['unsupported-llvm']);
  });
});

// A bare-metal image: counters in NOLOAD RAM, __start/__stop symbols from the linker script.
const FW_C = `static volatile int sink;
int twice(int x) { return 2 * x; }
int pick(int x) { if (x & 1) return twice(x); return x; }
void Reset(void) { for (int i = 0; i < 3; i++) sink = pick(i); for (;;) {} }
`;
const FW_LD = `ENTRY(Reset)
MEMORY { FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 256K
         RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 64K }
SECTIONS {
  .text : { *(.text*) *(.rodata*) } > FLASH
  __llvm_prf_data : ALIGN(8) { __start___llvm_prf_data = .; KEEP(*(__llvm_prf_data)) __stop___llvm_prf_data = .; } > FLASH
  __llvm_prf_names : { KEEP(*(__llvm_prf_names)) } > FLASH
  __llvm_prf_cnts (NOLOAD) : ALIGN(8) { __start___llvm_prf_cnts = .; KEEP(*(__llvm_prf_cnts)) __stop___llvm_prf_cnts = .; } > RAM
  .bss (NOLOAD) : { *(.bss*) *(COMMON) } > RAM
  __llvm_profile_runtime = 0;
}
`;
const EXTRA_C = 'int extra(int x) { return x + 7; }\n';
// clang-14 registers a bare-metal object's records at startup (clang-22 relies on __start/__stop instead).
const REGISTER_STUBS_C = `void __llvm_profile_register_function(void *data) { (void)data; }
void __llvm_profile_register_names_function(void *names, unsigned long size) { (void)names; (void)size; }
`;

describe('checkInstrumentedBinary on 32-bit firmware images', () => {
  beforeAll(() => {
    writeFileSync(at('fw.c'), FW_C);
    writeFileSync(at('extra.c'), EXTRA_C);
    writeFileSync(at('fw.ld'), FW_LD);
    for (const [target, name] of [
      ['thumbv7m-none-eabi', 'fw-le'],
      ['armebv7m-none-eabi', 'fw-be'],
    ] as const) {
      run('clang-22', [`--target=${target}`, ...instrument, '-c', 'fw.c', '-o', `${name}.o`]);
      run('clang-22', [
        `--target=${target}`,
        ...instrument,
        '-c',
        'extra.c',
        '-o',
        `${name}-extra.o`,
      ]);
      run('ld.lld-22', ['-T', 'fw.ld', `${name}.o`, `${name}-extra.o`, '-o', `${name}.elf`]);
    }
    writeFileSync(at('register-stubs.c'), REGISTER_STUBS_C);
    run('clang-14', [
      '--target=thumbv7m-none-eabi',
      ...instrument,
      '-c',
      'extra.c',
      '-o',
      'fw-extra14.o',
    ]);
    run('clang-22', [
      '--target=thumbv7m-none-eabi',
      '-c',
      'register-stubs.c',
      '-o',
      'register-stubs.o',
    ]);
    run('ld.lld-22', [
      '-T',
      'fw.ld',
      'fw-le.o',
      'fw-extra14.o',
      'register-stubs.o',
      '-o',
      'fw-mixed.elf',
    ]);
  });

  it('passes little- and big-endian Cortex-M images with 48-byte records', async () => {
    for (const name of ['fw-le.elf', 'fw-be.elf']) {
      const report = await checkInstrumentedBinary(at(name), { llvmMajor: 22 });
      expect(report, name).toMatchObject({
        rawVersion: 10,
        pointerBytes: 4,
        recordCount: 4,
        recordBytes: 4 * 48,
      });
      expect(report.countersBytes % 8, name).toBe(0);
      expect(report.countersBytes, name).toBeGreaterThanOrEqual(4 * 8);
    }
  });

  it('rejects a Cortex-M image with a clang-14 object (40-byte records) in it', async () => {
    const error = await problemsOf(at('fw-mixed.elf'), { llvmMajor: 22 });
    expect(kinds(error)).toEqual(expect.arrayContaining(['compiler-version', 'record-layout']));
    expect(error.message).toContain('is 184 bytes, not a whole number of 48-byte records');
  });

  it('rejects the LLVM 22 image pinned to LLVM 18 (64-bit layout would be wrong too)', async () => {
    const error = await problemsOf(at('fw-le.elf'), { llvmMajor: 18 });
    expect(kinds(error)).toContain('compiler-version');
    expect(error.message).toContain('pins LLVM 18');
  });
});

describe('checkInstrumentedBinary on a rustc-built binary', () => {
  let release = '';
  let llvmMajor = 0;
  beforeAll(() => {
    // Run from the repository so rust-toolchain.toml picks the pinned rustc.
    const verbose = run('rustc', ['-vV'], {}, repoRoot);
    release = /^release: (\S+)/m.exec(verbose)?.[1] ?? '';
    llvmMajor = Number(/^LLVM version: (\d+)/m.exec(verbose)?.[1]);
    writeFileSync(
      at('add.rs'),
      'fn add(a: i32, b: i32) -> i32 { a + b }\nfn main() { std::process::exit(add(1, -1)); }\n',
    );
    run('rustc', ['-Cinstrument-coverage', at('add.rs'), '-o', at('add')], {}, repoRoot);
  });

  it('compares the rustc release in .comment with the pinned one', async () => {
    const report = await checkInstrumentedBinary(at('add'), { llvmMajor, rustcRelease: release });
    expect(report.compilers.find((c) => c.compiler === 'rustc')?.version).toBe(release);
    expect(report.recordCount).toBeGreaterThanOrEqual(2);

    const error = await problemsOf(at('add'), { llvmMajor, rustcRelease: '1.0.0' });
    expect(kinds(error)).toEqual(['compiler-version']);
    expect(error.message).toContain(`"rustc version ${release}`);
    expect(error.message).toContain('pins rustc 1.0.0');
  });
});
