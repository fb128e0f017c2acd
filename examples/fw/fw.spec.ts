// The fw firmware in QEMU: a coverage build's llvm-cov line counts equal an independent model's,
// and its profile header is LLVM 22's.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { cargoBuild, repoRoot } from '../../tools/testing/cargo';
import { mustRun, type RunResult } from '../../tools/testing/exec';
import { lineCounts } from '../../tools/testing/lcov';
import { showFunctions } from '../../tools/testing/profdata';
import { findMarks } from './test/marks';
import { expectedMarkCounts } from './test/model';
import { runFirmware } from './test/qemu';
import { readByteStringConst, readHexStream } from './test/stream';

const example = join(repoRoot, 'examples', 'fw');
const sourcesIn = (dir: string, ext: string) =>
  readdirSync(join(example, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => join(example, dir, f));

let elf: string;
let result: RunResult;
let profraw: string;
let profdata: string;

beforeAll(() => {
  elf = cargoBuild({
    pkg: 'fw',
    target: 'thumbv7m-none-eabi',
    release: true,
    buildStd: 'core',
    targetDir: join(repoRoot, 'target', 'fw-coverage'),
    // Only the firmware crate is instrumented: core and minicov stay as they are.
    packageRustflags: {
      fw: [
        '-Cinstrument-coverage',
        '-Zno-profiler-runtime',
        '--cfg',
        'minicov',
        '-Csymbol-mangling-version=v0',
      ],
    },
    env: {
      MINICOV_CFLAGS: '-fprofile-instr-generate -fcoverage-mapping',
      FW_PROFILE_PATH: undefined,
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'fw-qemu-'));
  result = runFirmware(elf, dir);
  profraw = join(dir, 'fw.profraw');
  profdata = join(dir, 'fw.profdata');
  if (existsSync(profraw)) mustRun('llvm-profdata-22', ['merge', '-o', profdata, profraw]);
});

describe('fw in QEMU lm3s6965evb, coverage build', () => {
  it('passes its self-check and writes fw.profraw', () => {
    expect(
      result.code,
      `QEMU exit status (1 = self-check failed, 2 = profile not written)\n${result.stderr}`,
    ).toBe(0);
    expect(existsSync(profraw), `${profraw} exists`).toBe(true);
  });

  it('instruments only the firmware crate and its C module', () => {
    const names = [...showFunctions('llvm-profdata-22', profdata).keys()];
    expect(names).toContain('fw_crc16');
    expect(names).toContain('fw_main');
    expect(names.filter((n) => /core|compiler_builtins|minicov/.test(n))).toEqual([]);
  });

  it('reports, for every MARK line, the count the model computes from the same inputs', () => {
    const marks = findMarks([...sourcesIn('src', '.rs'), ...sourcesIn('c', '.c')]);
    const counts = lineCounts('llvm-cov-22', elf, profdata);
    const selfCheck = join(example, 'src', 'self_check.rs');
    const expected = expectedMarkCounts({
      stream: readHexStream(join(example, 'data', 'stream.hex')),
      crcCheck: readByteStringConst(selfCheck, 'CRC16_CHECK'),
      fletcherCheck: readByteStringConst(selfCheck, 'FLETCHER16_CHECK'),
    });
    const reported = Object.fromEntries(
      marks.map((m) => [m.name, counts.get(m.file)?.get(m.line)]),
    );
    const modelled = Object.fromEntries(marks.map((m) => [m.name, expected.get(m.name) ?? 0]));
    expect(reported).toEqual(modelled);
    // Every event the model counts has a MARK line, so none goes unchecked.
    expect([...expected.keys()].filter((name) => !(name in modelled))).toEqual([]);
  });

  it('writes a 32-bit raw profile header, version 10', () => {
    const header = readFileSync(profraw).subarray(0, 16);
    expect(header.readBigUInt64LE(0).toString(16)).toBe('ff6c70726f665281');
    expect(header.readBigUInt64LE(8) & 0xffff_ffffn).toBe(10n);
  });
});
