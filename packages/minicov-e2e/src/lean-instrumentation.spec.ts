// correlate = "binary" through nx: the function records and names stay out of the image, the profiles hold counters
// only, and the reports equal the full mode's, for a host program and for the firmware run as a flashed board; and a
// small part (lm3s811evb: 64 KB of flash, 8 KB of RAM) whose firmware fits only that way.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElfFile, SHF_ALLOC } from '../../../packages/minicov/src/profile/elf-file';
import { readLcovLineCounts } from '../../../tools/testing/lcov';
import { runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

let root: string;

beforeAll(() => {
  root = copyWorkspace('lean-instrumentation', {
    sharedCargoTarget: true,
    pluginTarball: packedPlugin(),
  });
});

afterAll(() => removeWorkspaceCopy(root));

interface Report {
  totals: Record<string, { covered: number; count: number }>;
  lines: Map<string, Map<number, number>>;
  output: string;
}

/** `nx run <project>:coverage` from scratch, and what it reported. */
function coverage(project: string, dir: string): Report {
  const result = runNx(['run', `${project}:coverage`, '--skip-nx-cache'], { cwd: root });
  expect(result.code, result.output).toBe(0);
  const report = join(root, 'coverage', dir);
  const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as {
    totals: Report['totals'];
  };
  return {
    totals: summary.totals,
    lines: readLcovLineCounts(join(report, 'lcov.info')),
    output: result.output,
  };
}

/** Sets `key = value` (TOML) in the crate's `[package.metadata.minicov]` table, or removes the key. */
function setSetting(manifest: string, key: string, value: string | undefined): void {
  const path = join(root, manifest);
  const text = readFileSync(path, 'utf8').replace(new RegExp(`\\n${key} = [^\\n]*`), '');
  writeFileSync(
    path,
    value === undefined
      ? text
      : text.replace(
          '[package.metadata.minicov]\n',
          `[package.metadata.minicov]\n${key} = ${value}\n`,
        ),
  );
}

/** Sets `correlate` (`"binary"`), or removes it. */
const setCorrelate = (manifest: string, value: string | undefined) =>
  setSetting(manifest, 'correlate', value === undefined ? undefined : `"${value}"`);

/** Each section of an ELF with contents: its size, and whether it is allocated (loaded, so flashed or in RAM). */
function sections(elf: string): Map<string, { size: bigint; allocated: boolean }> {
  const file = new ElfFile(elf, readFileSync(elf));
  return new Map(
    file.sections
      .filter((section) => section.size > 0n)
      .map((section) => [
        section.name,
        { size: section.size, allocated: (section.flags & SHF_ALLOC) !== 0n },
      ]),
  );
}

/** Header words of each `.profraw` under `dir` (raw version 10): records, counters and names sizes. */
function profileHeaders(
  dir: string,
): { numData: bigint; numCounters: bigint; namesSize: bigint }[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.profraw'))
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return {
        numData: bytes.readBigUInt64LE(24),
        numCounters: bytes.readBigUInt64LE(40),
        namesSize: bytes.readBigUInt64LE(72),
      };
    });
}

/**
 * Each program, and the code its capture runs through: a correlated profile is smaller, so writing it runs that code
 * fewer times (host-nostd writes with nostd-linux's system calls; fw's semihosting is in the runtime, never reported).
 */
describe.each([
  ['host-nostd', 'examples/host-nostd', 'host-nostd', 'examples/nostd-linux/'],
  ['fw', 'examples/fw', 'fw', undefined],
])('correlate = "binary" on %s', (project, dir, bin, capturePath) => {
  const manifest = `${dir}/Cargo.toml`;
  let full: Report;
  let lean: Report;
  beforeAll(() => {
    full = coverage(project, dir);
    setCorrelate(manifest, 'binary');
    lean = coverage(project, dir);
  });
  afterAll(() => setCorrelate(manifest, undefined));

  it('reports what the full profile reports: the same files and totals, and every count of the code before the capture', () => {
    expect(lean.output).toContain(
      'function records and names kept in the binary (correlate = "binary")',
    );
    expect([...lean.lines.keys()].sort()).toEqual([...full.lines.keys()].sort());
    const compared = [...full.lines.keys()].filter(
      (file) => capturePath === undefined || !file.startsWith(capturePath),
    );
    expect(compared.length).toBeGreaterThan(1);
    for (const file of compared) expect(lean.lines.get(file), file).toEqual(full.lines.get(file));
    // Which lines, functions, regions and branches ran does not depend on how often the capture wrote.
    for (const measure of ['lines', 'functions', 'regions', 'branches'])
      expect(lean.totals[measure], measure).toEqual(full.totals[measure]);
    expect(full.totals.lines?.covered).toBeGreaterThan(0);
  });

  it('keeps the records and names out of the image, and the profiles hold only counters', () => {
    const binary = join(root, 'dist/minicov', dir, 'coverage/build', bin);
    const found = sections(binary);
    // A linker script may still define the sections, empty.
    expect(found.has('__llvm_prf_data')).toBe(false);
    expect(found.has('__llvm_prf_names')).toBe(false);
    // Present, but not allocated: nothing of them is loaded or flashed.
    expect(found.get('__llvm_covdata')?.allocated).toBe(false);
    expect(found.get('__llvm_covnames')?.allocated).toBe(false);
    expect(found.get('__llvm_prf_cnts')?.allocated).toBe(true);
    const program = profileHeaders(join(root, 'dist/minicov', dir, 'coverage/profiles/run-0'));
    expect(program.length).toBeGreaterThan(0);
    for (const header of program) {
      expect(header.numData).toBe(0n);
      expect(header.namesSize).toBe(0n);
      expect(header.numCounters).toBeGreaterThan(0n);
    }
  });
});

/** `nx g minicov:crate <name>`: a Cortex-M3 firmware with C, for `machine`, in `dir`. */
function generateFirmware(name: string, dir: string, machine: string): void {
  const generated = runNx(
    [
      'g',
      'minicov:crate',
      name,
      '--kind=firmware',
      '--target=thumbv7m-none-eabi',
      `--machine=${machine}`,
      '--withC',
      `--directory=${dir}`,
      '--skipFormat',
    ],
    { cwd: root },
  );
  expect(generated.code, generated.output).toBe(0);
}

/**
 * Functions the small firmware adds, each with its own counter (8 bytes of RAM) and function record (48 bytes of flash
 * on a Cortex-M3); and a table that fills flash as a real firmware's code and data would.
 */
const BULK_FUNCTIONS = 400;
const FLASH_FILLER_BYTES = 36 * 1024;

/** A module of `count` small functions that the firmware calls through a table, so none is inlined or dropped. */
function bulkModule(count: number): string {
  const functions = [...Array(count).keys()].map(
    (i) =>
      `#[inline(never)]\nfn f${i}(x: u32) -> u32 {\n    x.wrapping_mul(${2 * i + 3}).wrapping_add(${i})\n}\n`,
  );
  const table = [...Array(count).keys()].map((i) => `f${i}`).join(', ');
  return [
    '//! Many small functions, each counted on its own.',
    ...functions,
    `static FUNCTIONS: [fn(u32) -> u32; ${count}] = [${table}];`,
    `static FILLER: [u8; ${FLASH_FILLER_BYTES}] = [7; ${FLASH_FILLER_BYTES}];`,
    '',
    '/// Calls every function once, each on the result of the one before, then reads the table.',
    'pub fn run() -> u32 {',
    '    let x = FUNCTIONS.iter().fold(1, |x, f| f(core::hint::black_box(x)));',
    '    x.wrapping_add(u32::from(core::hint::black_box(&FILLER)[x as usize % FILLER.len()]))',
    '}',
    '',
  ].join('\n');
}

describe('a firmware for lm3s811evb (64 KB flash, 8 KB RAM) that fits only with correlate = "binary"', () => {
  const dir = 'examples/small';
  const manifest = `${dir}/Cargo.toml`;
  let linkScript: string;
  beforeAll(() => {
    generateFirmware('small', dir, 'lm3s811evb');
    writeFileSync(join(root, dir, 'src/bulk.rs'), bulkModule(BULK_FUNCTIONS));
    const main = join(root, dir, 'src/main.rs');
    const source = readFileSync(main, 'utf8');
    expect(source).toContain('    if !passed {');
    writeFileSync(
      main,
      source
        .replace('#![no_main]\n', '#![no_main]\n\nmod bulk;\n')
        .replace('    if !passed {', '    black_box(bulk::run());\n    if !passed {'),
    );
    linkScript = readFileSync(join(root, dir, 'link.ld'), 'utf8');
  });

  it("is refused before running when its linker script has the part's memory: the linker overflows flash, and the fix names correlate", () => {
    const result = runNx(['run', 'small:coverage'], { cwd: root });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toMatch(
      /small's coverage build does not fit: the linker overflows FLASH by at least \d+ bytes \(its messages are above\); built without instrumentation it takes \d+ bytes of flash of the 65536 lm3s811evb has; nothing was run/,
    );
    expect(result.output).toContain(
      `set correlate = "binary" in [package.metadata.minicov] of ${manifest}`,
    );
    expect(existsSync(join(root, 'dist/minicov', dir, 'coverage/profiles'))).toBe(false);
  });

  it("is refused with the cost report's figures when its linker script claims more flash than the part has", () => {
    writeFileSync(
      join(root, dir, 'link.ld'),
      linkScript.replace(
        /FLASH \(rx\) {2}: ORIGIN = 0x00000000, LENGTH = 64K/,
        'FLASH (rx)  : ORIGIN = 0x00000000, LENGTH = 256K',
      ),
    );
    try {
      const result = runNx(['run', 'small:coverage-build'], { cwd: root });
      expect(result.code, result.output).not.toBe(0);
      const refusal =
        /small's coverage build does not fit lm3s811evb: flash needs (\d+) bytes, (\d+) more than the 65536 lm3s811evb has\. The instrumentation adds (\d+) bytes of flash \(records (\d+), names (\d+), runtime (\d+), code (-?\d+)\)/.exec(
          result.output,
        );
      expect(refusal, result.output).not.toBeNull();
      const [, needs, over, , records, names] = (refusal ?? []).map(Number);
      expect(needs).toBe(65536 + (over ?? 0));
      // One record per instrumented function: the bulk alone has BULK_FUNCTIONS of them.
      expect(records).toBeGreaterThanOrEqual(48 * BULK_FUNCTIONS);
      expect((records ?? 0) + (names ?? 0)).toBeGreaterThan(over ?? 0);
      expect(result.output).toContain('which makes it fit');
      expect(existsSync(join(root, 'dist/minicov', dir, 'coverage/build/build.json'))).toBe(false);
    } finally {
      writeFileSync(join(root, dir, 'link.ld'), linkScript);
    }
  });

  it('builds, runs on the board and reports with correlate = "binary", its cost recorded', () => {
    setCorrelate(manifest, 'binary');
    const result = runNx(['run', 'small:coverage'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(
      /flash: \+[\d.]+ KB \(records 0 B, names 0 B, runtime \d+ B, code \+[\d.]+ KB/,
    );
    const record = JSON.parse(
      readFileSync(join(root, 'dist/minicov', dir, 'coverage/build/build.json'), 'utf8'),
    ) as {
      cost: {
        counters: number;
        records: number;
        names: number;
        regions: { region: string; size: number; used: number; left: number }[];
        units: { unit: string; counters: number }[];
      };
    };
    expect(record.cost).toMatchObject({ records: 0, names: 0 });
    expect(record.cost.counters).toBeGreaterThanOrEqual(8 * BULK_FUNCTIONS);
    expect(
      record.cost.units.find((unit) => unit.unit === 'small')?.counters,
    ).toBeGreaterThanOrEqual(8 * BULK_FUNCTIONS);
    for (const region of record.cost.regions) {
      expect(region.left, region.region).toBeGreaterThanOrEqual(0);
      expect(region.left).toBe(region.size - region.used);
    }
    const lines = readLcovLineCounts(join(root, 'coverage', dir, 'lcov.info'));
    const bulk = lines.get(`${dir}/src/bulk.rs`);
    // Every function ran once: the body line of each (five lines apiece after the module's doc line) counts 1.
    expect(bulk?.get(4)).toBe(1);
    expect(bulk?.get(4 + 5 * (BULK_FUNCTIONS - 1))).toBe(1);
  });
});

/** Whether a line of `file` lies in minicov_stop, or in the capture functions the firmware calls after it. */
function afterTheStop(file: string): (line: number) => boolean {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const first = lines.findIndex((line) => line.includes('pub extern "C" fn minicov_stop')) + 1;
  const capture = lines.findIndex((line) => line.includes('fn capture_to_host'));
  const last = lines.findIndex((line, i) => i > capture && line === '}') + 1;
  expect(first).toBeGreaterThan(0);
  expect(last).toBeGreaterThan(first);
  return (line) => line >= first && line <= last;
}

describe('runner = "gdb": the counters read through QEMU\'s gdbstub at minicov_stop', () => {
  const dir = 'examples/probe';
  const manifest = `${dir}/Cargo.toml`;
  let semihosted: Report;
  beforeAll(() => {
    generateFirmware('probe', dir, 'lm3s6965evb');
    // A function the firmware keeps but never calls, as a stop symbol no run reaches.
    const main = join(root, dir, 'src/main.rs');
    writeFileSync(
      main,
      `${readFileSync(main, 'utf8').replace('    minicov_stop();', '    if black_box(false) {\n        only_on_failure();\n    }\n    minicov_stop();')}\n#[no_mangle]\n#[inline(never)]\npub extern "C" fn only_on_failure() {\n    black_box(());\n}\n`,
    );
    semihosted = coverage('probe', dir);
  });
  afterAll(() => {
    for (const key of ['runner', 'correlate', 'stop-symbol', 'gdb-server'])
      setSetting(manifest, key, undefined);
  });

  it("reports what the firmware's own capture reports, for all that ran before the stop, in both modes", () => {
    setSetting(manifest, 'runner', '"gdb"');
    const main = `${dir}/src/main.rs`;
    const after = afterTheStop(main);
    for (const correlate of [undefined, '"binary"']) {
      setSetting(manifest, 'correlate', correlate);
      const read = coverage('probe', dir);
      expect(read.output).toMatch(/stopped at minicov_stop; read \d+ bytes of counters/);
      expect(read.output).toContain('-gdb tcp:127.0.0.1:');
      expect([...read.lines.keys()].sort()).toEqual([...semihosted.lines.keys()].sort());
      // The run ends on entering minicov_stop: it, and the capture the firmware makes after it (compiled out under the
      // gdb runner), never run.
      for (const [file, counts] of semihosted.lines) {
        const before = (lines: Map<number, number> | undefined) =>
          [...(lines ?? [])].filter(([line]) => file !== main || !after(line));
        expect(before(read.lines.get(file)), file).toEqual(before(counts));
        expect(before(counts).length, file).toBeGreaterThan(0);
      }
    }
    // gdb and correlated: the image holds no records, no names and none of the runtime's writer.
    const binary = join(root, 'dist/minicov', dir, 'coverage/build/probe');
    const found = sections(binary);
    expect(found.has('__llvm_prf_data')).toBe(false);
    expect(found.has('__llvm_prf_names')).toBe(false);
    const symbols = new ElfFile(binary, readFileSync(binary))
      .symbolTable()
      .map((symbol) => symbol.name);
    expect(symbols).toContain('minicov_stop');
    expect(symbols.filter((name) => /^minicov_(write|fill|compute|find)/.test(name))).toEqual([]);
    setSetting(manifest, 'correlate', undefined);
  });

  it('names a stop symbol the binary lacks, and one the program never reaches', () => {
    setSetting(manifest, 'stop-symbol', '"no_such_function"');
    const missing = runNx(['run', 'probe:coverage-run'], { cwd: root });
    expect(missing.code, missing.output).not.toBe(0);
    expect(missing.output).toContain(
      'has no symbol no_such_function, where the gdb runner ends a run and reads the counters',
    );
    // The firmware exits through semihosting without ever calling it.
    setSetting(manifest, 'stop-symbol', '"only_on_failure"');
    const never = runNx(['run', 'probe:coverage-run'], { cwd: root });
    expect(never.code, never.output).not.toBe(0);
    expect(never.output).toMatch(
      /probe run 1 exited with status 0 before reaching only_on_failure; no profile is kept/,
    );
    setSetting(manifest, 'stop-symbol', undefined);
  });

  it('names a GDB server that exits before the run is done', () => {
    setSetting(
      manifest,
      'gdb-server',
      '["sh", "-c", "echo no probe found >&2; exit 3", "{bin}", "{port}"]',
    );
    const result = runNx(['run', 'probe:coverage-run'], { cwd: root });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toMatch(
      /probe run 1: the GDB server sh exited with status 3[\s\S]*no probe found[\s\S]*before the run was done; no profile is kept/,
    );
    expect(result.output).toContain('run the gdb-server command by hand to see why it stops');
    setSetting(manifest, 'gdb-server', undefined);
  });
});
