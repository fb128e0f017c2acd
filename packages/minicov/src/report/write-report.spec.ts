import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../process/run-tool';
import { LlvmCovFailedError } from './llvm-cov-export';
import { formatSummaryTable, type CoverageSummary } from './summary';
import {
  EmptyCoverageReportError,
  writeCoverageReport,
  type WriteCoverageReportOptions,
} from './write-report';

// A workspace-shaped temp dir (its name full of ERE metacharacters) with a C and a Rust program built
// by clang-22 / rustc with coverage, plus sources the report must drop: a fake runtime, a file outside
// the workspace, Rust "core" sources remapped to /rustc/<hash>/, and a generated file under target/.
const tmp = mkdtempSync(join(tmpdir(), 'minicov-report-'));
const ws = join(tmp, 'ws (copy) [1]+.x');
const toolchainSrc = join(tmp, 'toolchain');
const REMAPPED = '/rustc/0123456789abcdef0123456789abcdef01234567';
const profdata = join(tmp, 'merged.profdata');
const outputDir = join(ws, 'coverage', 'report');

const MAIN_C = `#include <stdio.h>
int rt_helper(int x);
int ext_value(void);
static int twice(int x) { return x + x; }
int loop7(void) {
  int s = 0;
  for (int i = 0; i < 7; i++) {
    s += twice(i);
  }
  return s;
}
int never(void) { return 42; }
int main(void) {
  printf("%d %d %d\\n", loop7(), rt_helper(3), ext_value());
  return 0;
}
`;
const P_RS = `#[path = "${toolchainSrc}/library/core/src/fake.rs"]
mod fake;
#[path = "../target/debug/build/gen-1f2e/out/gen.rs"]
mod generated;
fn branchy(n: u32) -> u32 {
    if n % 2 == 0 {
        n / 2
    } else {
        3 * n + 1
    }
}
mod inner {
    pub struct S;
    impl S {
        pub fn go(&self, k: u32) -> u32 { k + 1 }
    }
}
fn main() {
    let mut t = 0;
    for i in 0..7 {
        t += branchy(i);
    }
    t += inner::S.go(1) + fake::core_thing(2) + generated::gen_value();
    println!("{}", t);
}
`;

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** 1-based line of the first line containing `text`. */
const lineOf = (source: string, text: string): number =>
  source.split('\n').findIndex((l) => l.includes(text)) + 1;

const options = (
  overrides: Partial<WriteCoverageReportOptions> = {},
): WriteCoverageReportOptions => ({
  llvmCov: 'llvm-cov-22',
  llvmCxxfilt: '/usr/bin/llvm-cxxfilt-22',
  profdata,
  binaries: [join(ws, 'app', 'main'), join(ws, 'rs', 'p')],
  workspaceRoot: ws,
  runtimeDir: join(ws, 'runtime'),
  outputDir,
  ...overrides,
});

const leftovers = (): string[] =>
  readdirSync(dirname(outputDir)).filter((name) => name.includes('.partial-'));
const sum = (lcov: string, key: string): number =>
  lcov
    .split('\n')
    .filter((l) => l.startsWith(`${key}:`))
    .reduce((n, l) => n + Number(l.slice(key.length + 1)), 0);

beforeAll(async () => {
  put(join(ws, 'app', 'src', 'main.c'), MAIN_C);
  put(join(ws, 'runtime', 'rt.c'), 'int rt_helper(int x) { return x * 2; }\n');
  put(join(tmp, 'elsewhere', 'ext.c'), 'int ext_value(void) { return 5; }\n');
  put(join(ws, 'rs', 'p.rs'), P_RS);
  put(
    join(toolchainSrc, 'library', 'core', 'src', 'fake.rs'),
    'pub fn core_thing(x: u32) -> u32 {\n    x * 3\n}\n',
  );
  put(
    join(ws, 'target', 'debug', 'build', 'gen-1f2e', 'out', 'gen.rs'),
    'pub fn gen_value() -> u32 {\n    9\n}\n',
  );
  const cov = ['-O0', '-fprofile-instr-generate', '-fcoverage-mapping'];
  await runTool(
    'clang-22',
    [...cov, '-o', 'app/main', 'app/src/main.c', 'runtime/rt.c', join(tmp, 'elsewhere', 'ext.c')],
    { cwd: ws },
  );
  await runTool(
    'rustc',
    [
      '-Cinstrument-coverage',
      '-Csymbol-mangling-version=v0',
      `--remap-path-prefix=${toolchainSrc}=${REMAPPED}`,
      '-o',
      'rs/p',
      'rs/p.rs',
    ],
    { cwd: ws },
  );
  await runTool(join(ws, 'app', 'main'), [], {
    env: { LLVM_PROFILE_FILE: join(tmp, 'c.profraw') },
  });
  await runTool(join(ws, 'rs', 'p'), [], { env: { LLVM_PROFILE_FILE: join(tmp, 'rs.profraw') } });
  await runTool('llvm-profdata-22', [
    'merge',
    '-sparse',
    '-o',
    profdata,
    join(tmp, 'c.profraw'),
    join(tmp, 'rs.profraw'),
  ]);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeCoverageReport with clang-22, rustc and llvm-cov-22', () => {
  let summary: CoverageSummary;
  let lcov: string;
  beforeAll(async () => {
    summary = await writeCoverageReport(options());
    lcov = readFileSync(join(outputDir, 'lcov.info'), 'utf8');
  });

  it('keeps only workspace sources, relative to the root', () =>
    expect(lcov.split('\n').filter((l) => l.startsWith('SF:'))).toEqual([
      'SF:app/src/main.c',
      'SF:rs/p.rs',
    ]));
  it('contains no absolute path of this checkout, runtime or core', () => {
    expect(lcov).not.toContain(tmp);
    expect(lcov).not.toMatch(/runtime|\/rustc\/|core_thing|gen_value|ext_value/);
  });
  it('demangles Rust v0 names', () => expect(lcov).toMatch(/^FN:\d+,p::branchy$/m));
  it('demangles Rust methods', () => expect(lcov).toContain('FNDA:1,<p::inner::S>::go\n'));
  it('leaves no mangled name behind', () => expect(lcov).not.toMatch(/^FN(DA)?:.*\b_R/m));
  it('keeps C static functions readable', () => expect(lcov).toContain('FNDA:7,main.c:twice\n'));
  it('counts the C loop body 7 times', () =>
    expect(lcov).toContain(`DA:${lineOf(MAIN_C, 's += twice(i);')},7\n`));
  it('counts the unused C function 0 times', () => expect(lcov).toContain('FNDA:0,never\n'));
  it('counts the Rust loop body 7 times', () =>
    expect(lcov).toContain(`DA:${lineOf(P_RS, 't += branchy(i);')},7\n`));
  it('counts the even branch 4 times and the odd one 3 times', () => {
    expect(lcov).toContain(`DA:${lineOf(P_RS, 'n / 2')},4\n`);
    expect(lcov).toContain(`DA:${lineOf(P_RS, '3 * n + 1')},3\n`);
  });
  it('lcov line totals equal the JSON summary', () =>
    expect({ count: sum(lcov, 'LF'), covered: sum(lcov, 'LH') }).toEqual({
      count: summary.totals.lines.count,
      covered: summary.totals.lines.covered,
    }));
  it('lcov function totals equal the JSON summary', () =>
    expect({ count: sum(lcov, 'FNF'), covered: sum(lcov, 'FNH') }).toEqual({
      count: summary.totals.functions.count,
      covered: summary.totals.functions.covered,
    }));
  it('lcov branch totals equal the JSON summary', () =>
    expect(sum(lcov, 'BRF')).toBe(summary.totals.branches?.count));
  it('summarizes per file', () =>
    expect(
      summary.files.map((f) => [
        f.file,
        f.lines.covered,
        f.lines.count,
        f.functions.covered,
        f.functions.count,
      ]),
    ).toEqual([
      ['app/src/main.c', 12, 13, 3, 4],
      ['rs/p.rs', 14, 14, 3, 3],
    ]));
  it('writes the same summary to summary.json', () =>
    expect(JSON.parse(readFileSync(join(outputDir, 'summary.json'), 'utf8'))).toEqual(summary));
  it('formats the table', () => {
    const table = formatSummaryTable(summary).split('\n');
    expect(table[2]).toMatch(
      /^app\/src\/main\.c +92\.31% \(12\/13\) +75\.00% \(3\/4\) +\d+\.\d\d% \(\d+\/\d+\) +100\.00% \(2\/2\)$/,
    );
    expect(table.at(-1)).toMatch(
      /^TOTAL +96\.30% \(26\/27\) +85\.71% \(6\/7\) +96\.00% \(24\/25\) +100\.00% \(2\/2\)$/,
    );
  });
  it('writes an HTML index naming the kept files only', () => {
    const index = readFileSync(join(outputDir, 'html', 'index.html'), 'utf8');
    expect(index).toContain('app/src/main.c');
    expect(index).toContain('rs/p.rs');
    expect(index).not.toContain('rt.c');
  });
  it('leaves no staging directory behind', () => expect(leftovers()).toEqual([]));
});

describe('writeCoverageReport failures', () => {
  it('says which filter removed every file', async () => {
    const error = await writeCoverageReport(
      options({ runtimeDir: ws, outputDir: join(tmp, 'never') }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmptyCoverageReportError);
    const message = (error as Error).message;
    expect(message).toContain('removed all 6 files');
    expect(message).toMatch(/4 × sources of the minicov runtime \(runtimeDir\)/);
    expect(message).toMatch(/1 × Rust toolchain sources.*\/rustc\/0123/);
    expect(message).toMatch(/1 × files outside the workspace root: .*elsewhere\/ext\.c/);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('says the binaries were built at another path when every file is outside the workspace', async () => {
    const elsewhere = join(tmp, 'another-checkout');
    mkdirSync(elsewhere, { recursive: true });
    const error = await writeCoverageReport(
      options({ workspaceRoot: elsewhere, runtimeDir: undefined, outputDir: join(tmp, 'never') }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmptyCoverageReportError);
    expect((error as Error).message).toMatch(/× files outside the workspace root/);
    expect((error as Error).message).toContain(
      `fix: the binaries name sources outside ${elsewhere}: they were built in a checkout at another path`,
    );
  });

  it('names llvm-cov, the binary and the profile when llvm-cov fails', async () => {
    const missing = join(tmp, 'missing.profdata');
    const error = await writeCoverageReport(options({ profdata: missing })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LlvmCovFailedError);
    expect((error as Error).message).toContain(
      `llvm-cov-22 export could not report binaries ${join(ws, 'app', 'main')}, ${join(ws, 'rs', 'p')} with profile ${missing}`,
    );
    expect((error as Error).message).toContain('fix: check that the profile exists');
  });

  it('passes on llvm-cov warnings, once each', async () => {
    const stale = join(ws, 'app', 'stale');
    put(
      join(tmp, 'stale', 'main.c'),
      MAIN_C.replace('s += twice(i);', 'if (i > 2) s += twice(i);'),
    ); // loop7 changed shape
    const sources = [join(tmp, 'stale', 'main.c'), 'runtime/rt.c', join(tmp, 'elsewhere', 'ext.c')];
    await runTool(
      'clang-22',
      ['-O0', '-fprofile-instr-generate', '-fcoverage-mapping', '-o', stale, ...sources],
      { cwd: ws },
    );
    const warnings: string[] = [];
    const error = await writeCoverageReport(
      options({
        binaries: [stale],
        outputDir: join(tmp, 'stale-report'),
        onWarning: (w) => warnings.push(w),
      }),
    ).catch((e: unknown) => e);
    expect(warnings).toEqual([
      `llvm-cov-22: warning: ${stale}: profile data may be out of date - object is newer`,
      'llvm-cov-22: warning: 1 functions have mismatched data',
    ]);
    // Everything left is outside the workspace or runtime, so the report is empty; the error repeats the warnings.
    expect(error).toBeInstanceOf(EmptyCoverageReportError);
    expect((error as Error).message).toContain('llvm-cov warned:\n    llvm-cov-22: warning: ');
  });

  it('keeps the previous report when a later step fails', async () => {
    writeFileSync(join(outputDir, 'marker'), 'previous report');
    const error = await writeCoverageReport(
      options({ llvmCxxfilt: join(tmp, 'no-such-cxxfilt') }),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain('no-such-cxxfilt: not found');
    expect(readFileSync(join(outputDir, 'marker'), 'utf8')).toBe('previous report');
    expect(leftovers()).toEqual([]);
  });

  it('replaces the previous report as a whole on success', async () => {
    await writeCoverageReport(options());
    expect(existsSync(join(outputDir, 'marker'))).toBe(false);
    expect(existsSync(join(outputDir, 'lcov.info'))).toBe(true);
    expect(leftovers()).toEqual([]);
  });
});
