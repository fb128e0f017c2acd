// correlate = "binary" through nx: the function records and names stay out of the image, the profiles hold counters
// only, and the reports equal the full mode's, for a host program and for the firmware run as a flashed board.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Sets `correlate` in the crate's `[package.metadata.minicov]` table (the first line after its header). */
function setCorrelate(manifest: string, value: string | undefined): void {
  const path = join(root, manifest);
  const text = readFileSync(path, 'utf8').replace(/\ncorrelate = "\w+"/, '');
  writeFileSync(
    path,
    value === undefined
      ? text
      : text.replace(
          '[package.metadata.minicov]\n',
          `[package.metadata.minicov]\ncorrelate = "${value}"\n`,
        ),
  );
}

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
