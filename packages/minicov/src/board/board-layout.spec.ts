// Layouts that work only because an emulator loads RAM from the ELF or zeroes it: caught after the build,
// and at a board-faithful run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnBoard } from '../../../../tools/testing/board-qemu';
import { mustRun } from '../../../../tools/testing/exec';
import { failure } from '../../../../tools/testing/failure';
import { buildFirmware } from '../../../../tools/testing/real-profiles';
import { repoRoot } from '../../../../tools/testing/cargo';
import { ElfFile } from '../profile/elf-file';
import { RawProfileError } from '../profile/raw-profile-error';
import { verifyProfile } from '../profile/verify-profile';
import { BinaryCheckError, checkInstrumentedBinary } from './binary-check';
import { BoardLayoutError } from './board-layout-error';
import { flashImage } from './flash-image';
import { findMachine, type Machine } from './machines';

const lm3s = findMachine('lm3s6965evb') as Machine;
const layouts = join(repoRoot, 'tools', 'testing', 'profile-programs', 'layouts');
const COVERAGE = ['-fprofile-instr-generate', '-fcoverage-mapping'];
let dir: string;

/** The test firmware (C workload, minicov runtime) linked with `script`. */
function firmwareWith(name: string, script?: string): string {
  const work = join(dir, name);
  mkdirSync(work, { recursive: true });
  const binary = join(work, name);
  buildFirmware(work, 'clang-22', 10, COVERAGE, binary, script);
  return binary;
}

/** Runs `binary` board-faithfully and returns its checked profile's bytes, or the check's error. */
async function boardProfile(binary: string): Promise<Buffer> {
  const run = mkdtempSync(join(dir, 'run-'));
  const result = runOnBoard(binary, run);
  expect(result.code, result.stderr).toBe(0);
  const profile = join(run, 'firmware.profraw');
  await verifyProfile(profile, {
    path: binary,
    rawVersion: 10,
    pointerBytes: 4,
    elf: new ElfFile(binary, readFileSync(binary)),
  });
  return readFileSync(profile);
}

const layoutCheck = (binary: string) =>
  checkInstrumentedBinary(binary, { llvmMajor: 22, machine: lm3s });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-board-layout-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a sound layout (records and names in flash, counters in zeroed RAM)', () => {
  it('passes the layout check, and writes the same profile loaded as a board as when QEMU loads the ELF', async () => {
    const binary = firmwareWith('sound');
    await expect(layoutCheck(binary)).resolves.toMatchObject({ recordCount: expect.any(Number) });
    const board = await boardProfile(binary);
    const emulator = mkdtempSync(join(dir, 'elf-run-'));
    mustRun(
      'qemu-system-arm',
      [
        '-M',
        'lm3s6965evb',
        '-nographic',
        '-semihosting-config',
        'enable=on,target=native',
        '-kernel',
        binary,
      ],
      { cwd: emulator },
    );
    expect(board.equals(readFileSync(join(emulator, 'firmware.profraw')))).toBe(true);
  });

  it('gives a flash image with every flash section at its load address and erased flash between', () => {
    const binary = firmwareWith('image');
    const elf = new ElfFile(binary, readFileSync(binary));
    const image = flashImage(elf, lm3s);
    expect(image.address).toBe(0);
    const objcopy = join(dir, 'image.bin');
    mustRun('llvm-objcopy-22', [
      '-O',
      'binary',
      '--only-section=.vector_table',
      '--only-section=.text',
      '--only-section=.rodata',
      '--only-section=__llvm_prf_data',
      '--only-section=__llvm_prf_names',
      '--only-section=.data',
      '--gap-fill=0xff',
      binary,
      objcopy,
    ]);
    expect(image.bytes.equals(readFileSync(objcopy))).toBe(true);
  });
});

describe('layouts that only an emulator runs', () => {
  it('profile sections left to the linker (as cortex-m-rt link.x does): records in RAM and counters in a RAM load segment, each named with its address', async () => {
    const binary = firmwareWith('orphans', join(layouts, 'orphan-sections.ld'));
    const error = await failure(layoutCheck(binary));
    expect(error).toBeInstanceOf(BinaryCheckError);
    expect(error.message).toMatch(
      /__llvm_prf_data lies at 0x2000[0-9a-f]{4}\.\.0x2000[0-9a-f]{4}, in RAM \(0x20000000\.\.0x20010000\), not in flash \(0x00000000\.\.0x00040000 on lm3s6965evb\)/,
    );
    expect(error.message).toMatch(
      /__llvm_prf_cnts at 0x2000[0-9a-f]{4}\.\.0x2000[0-9a-f]{4} is loaded from the image straight into RAM/,
    );
    expect((error as BinaryCheckError).fix).toContain('`link-fragment = true`');
    const elf = new ElfFile(binary, readFileSync(binary));
    const image = await failure(Promise.resolve().then(() => flashImage(elf, lm3s)));
    expect(image).toBeInstanceOf(BoardLayoutError);
    expect(image.message).toMatch(/load segment\(s\) are not in flash[\s\S]*__llvm_prf_cnts/);
  });

  it('counters outside the range the startup zeroes: caught after the build, and at the run by their 0xa5 fill', async () => {
    const binary = firmwareWith('not-zeroed', join(layouts, 'counters-not-zeroed.ld'));
    const error = await failure(layoutCheck(binary));
    expect(error.message).toMatch(
      /__llvm_prf_cnts at 0x[0-9a-f]+\.\.0x[0-9a-f]+ lies outside the RAM the startup code zeroes \(__zero_start\.\.__zero_end = 0x[0-9a-f]+\.\.0x[0-9a-f]+\)/,
    );
    // QEMU loading the ELF starts with zeroed RAM, so the same binary passes there:
    // only the board-faithful run shows it.
    const emulator = mkdtempSync(join(dir, 'elf-run-'));
    mustRun(
      'qemu-system-arm',
      [
        '-M',
        'lm3s6965evb',
        '-nographic',
        '-semihosting-config',
        'enable=on,target=native',
        '-kernel',
        binary,
      ],
      { cwd: emulator },
    );
    const profile = join(emulator, 'firmware.profraw');
    await verifyProfile(profile, {
      path: binary,
      rawVersion: 10,
      pointerBytes: 4,
      elf: new ElfFile(binary, readFileSync(binary)),
    });
    const run = await failure(boardProfile(binary));
    expect(run).toBeInstanceOf(RawProfileError);
    expect(run.message).toMatch(
      /counters that were never zeroed: counter 0 of function record \d+ \([^)]+\) holds 0xa5a5a5a5a5a5a5[0-9a-f]{2}, the byte 0xa5 repeated plus a count/,
    );
    expect((run as RawProfileError).fix).toContain('inside the RAM the reset handler zeroes');
    expect((run as RawProfileError).fix).not.toContain('corrupt');
  });

  it('records placed in RAM that the startup never fills: caught after the build, and at the run as records never in memory', async () => {
    const binary = firmwareWith('data-in-ram', join(layouts, 'data-in-ram.ld'));
    const error = await failure(layoutCheck(binary));
    expect(error.message).toMatch(
      /__llvm_prf_data lies at 0x2000[0-9a-f]{4}\.\.0x2000[0-9a-f]{4}, in RAM/,
    );
    const run = await failure(boardProfile(binary));
    expect(run.message).toMatch(
      /the \d+ function records are the byte 0xa5 repeated: __llvm_prf_data was not in memory/,
    );
    expect((run as RawProfileError).fix).toContain('in flash');
  });
});
