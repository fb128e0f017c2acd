import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCompilerIdent, type CompilerIdent } from './compiler-ident';
import { UnparseableVersionError } from './version-errors';
import {
  parseCargoVersion,
  parseClangVersion,
  parseLlvmToolVersion,
  parseQemuVersion,
  parseRustcVersion,
} from './version-output';

const FIXTURES = join(__dirname, 'fixtures', 'versions');

const PARSERS = {
  rustc: parseRustcVersion,
  cargo: parseCargoVersion,
  clang: parseClangVersion,
  llvmTool: parseLlvmToolVersion,
  qemu: parseQemuVersion,
} satisfies Record<string, (output: string, tool: string) => object>;
type ParserName = keyof typeof PARSERS;

/** What each fixture must read as; `refused` fixtures must throw UnparseableVersionError naming `tool`. */
type FixtureCase =
  | { file: string; parser: ParserName; expected: object }
  | { file: string; parser: ParserName; refused: { tool: string } };

const HOST = 'x86_64-unknown-linux-gnu';

const CASES: FixtureCase[] = [
  // rustc -vV
  {
    file: 'rustc-debian-1.96.txt',
    parser: 'rustc',
    expected: {
      release: '1.96.0',
      channel: 'stable',
      llvmVersion: '22.1.8',
      llvmMajor: 22,
      host: HOST,
      commitDate: '2026-05-25',
    },
  },
  {
    file: 'rustc-debian-1.63.txt',
    parser: 'rustc',
    expected: {
      release: '1.63.0',
      channel: 'stable',
      llvmVersion: '14.0.6',
      llvmMajor: 14,
      host: HOST,
    },
  },
  {
    file: 'rustc-rustup-stable-1.95.txt',
    parser: 'rustc',
    expected: {
      release: '1.95.0',
      channel: 'stable',
      llvmVersion: '22.1.2',
      llvmMajor: 22,
      host: HOST,
      commitDate: '2026-04-14',
    },
  },
  {
    file: 'rustc-rustup-nightly.txt',
    parser: 'rustc',
    expected: {
      release: '1.97.0-nightly',
      channel: 'nightly',
      llvmVersion: '22.1.4',
      llvmMajor: 22,
      host: HOST,
      commitDate: '2026-05-19',
    },
  },
  {
    file: 'rustc-homebrew.txt',
    parser: 'rustc',
    expected: {
      release: '1.92.0',
      channel: 'stable',
      llvmVersion: '21.1.7',
      llvmMajor: 21,
      host: 'aarch64-apple-darwin',
      commitDate: '2025-12-08',
    },
  },
  {
    file: 'rustc-fedora.txt',
    parser: 'rustc',
    expected: {
      release: '1.89.0',
      channel: 'stable',
      llvmVersion: '20.1.8',
      llvmMajor: 20,
      host: HOST,
      commitDate: '2025-08-04',
    },
  },
  {
    file: 'rustc-local-dev.txt',
    parser: 'rustc',
    expected: {
      release: '1.48.0-dev',
      channel: 'dev',
      llvmVersion: '11.0.0',
      llvmMajor: 11,
      host: HOST,
    },
  },
  {
    file: 'rustc-no-llvm.txt',
    parser: 'rustc',
    refused: { tool: '/src/rust/build/bootstrap/debug/rustc' },
  },
  // cargo -V / -vV
  { file: 'cargo-debian-1.96.txt', parser: 'cargo', expected: { release: '1.96.0' } },
  { file: 'cargo-debian-1.96-short.txt', parser: 'cargo', expected: { release: '1.96.0' } },
  { file: 'cargo-debian-1.65.txt', parser: 'cargo', expected: { release: '1.65.0' } },
  { file: 'cargo-rustup-stable-1.95.txt', parser: 'cargo', expected: { release: '1.95.0' } },
  {
    file: 'cargo-rustup-nightly-short.txt',
    parser: 'cargo',
    expected: { release: '1.97.0-nightly' },
  },
  { file: 'cargo-homebrew.txt', parser: 'cargo', expected: { release: '1.92.0' } },
  // clang --version
  {
    file: 'clang-debian-22.txt',
    parser: 'clang',
    expected: {
      version: '22.1.8',
      llvmMajor: 22,
      vendor: 'llvm',
      target: 'x86_64-pc-linux-gnu',
      installedDir: '/usr/lib/llvm-22/bin',
    },
  },
  {
    file: 'clang-debian-14.txt',
    parser: 'clang',
    expected: {
      version: '14.0.6',
      llvmMajor: 14,
      vendor: 'llvm',
      target: 'x86_64-pc-linux-gnu',
      installedDir: '/usr/bin',
    },
  },
  {
    file: 'clang-ubuntu-18.txt',
    parser: 'clang',
    expected: {
      version: '18.1.3',
      llvmMajor: 18,
      vendor: 'llvm',
      target: 'x86_64-pc-linux-gnu',
      installedDir: '/usr/bin',
    },
  },
  {
    file: 'clang-fedora-18.txt',
    parser: 'clang',
    expected: {
      version: '18.1.8',
      llvmMajor: 18,
      vendor: 'llvm',
      target: 'x86_64-redhat-linux-gnu',
      installedDir: '/usr/bin',
    },
  },
  {
    file: 'clang-homebrew-19.txt',
    parser: 'clang',
    expected: {
      version: '19.1.7',
      llvmMajor: 19,
      vendor: 'llvm',
      target: 'arm64-apple-darwin24.2.0',
      installedDir: '/opt/homebrew/Cellar/llvm/19.1.7/bin',
    },
  },
  {
    file: 'clang-xpack-17.txt',
    parser: 'clang',
    expected: {
      version: '17.0.6',
      llvmMajor: 17,
      vendor: 'llvm',
      target: HOST,
      installedDir: '/home/dev/.local/xPacks/@xpack-dev-tools/clang/17.0.6-1.1/.content/bin',
    },
  },
  {
    file: 'clang-arm-atfe-21.txt',
    parser: 'clang',
    expected: {
      version: '21.1.1',
      llvmMajor: 21,
      vendor: 'llvm',
      target: 'aarch64-unknown-linux-gnu',
      installedDir: 'C:\\opt\\ATfE-21.1.1-Windows-x86_64\\bin',
    },
  },
  {
    file: 'clang-apple-15.txt',
    parser: 'clang',
    expected: {
      version: '15.0.0',
      llvmMajor: 16,
      vendor: 'apple',
      target: 'arm64-apple-darwin23.4.0',
      installedDir: '/Library/Developer/CommandLineTools/usr/bin',
    },
  },
  {
    file: 'clang-apple-17.txt',
    parser: 'clang',
    expected: {
      version: '17.0.0',
      llvmMajor: 19,
      vendor: 'apple',
      target: 'arm64-apple-darwin24.6.0',
      installedDir:
        '/Applications/Xcode_16.4.app/Contents/Developer/Toolchains/XcodeDefault.xctoolchain/usr/bin',
    },
  },
  {
    file: 'clang-apple-10.txt',
    parser: 'clang',
    expected: {
      version: '10.0.0',
      llvmMajor: 6,
      vendor: 'apple',
      target: 'x86_64-apple-darwin17.7.0',
      installedDir: '/Library/Developer/CommandLineTools/usr/bin',
    },
  },
  // llvm-profdata / llvm-cov --version
  {
    file: 'llvm-profdata-debian-22.txt',
    parser: 'llvmTool',
    expected: { version: '22.1.8', llvmMajor: 22 },
  },
  {
    file: 'llvm-profdata-debian-14.txt',
    parser: 'llvmTool',
    refused: { tool: '/usr/bin/llvm-profdata-14' },
  },
  {
    file: 'llvm-profdata-debian-14-show.txt',
    parser: 'llvmTool',
    expected: { version: '14.0.6', llvmMajor: 14 },
  },
  {
    file: 'llvm-profdata-homebrew-19.txt',
    parser: 'llvmTool',
    expected: { version: '19.1.7', llvmMajor: 19 },
  },
  {
    file: 'llvm-profdata-apple-16.txt',
    parser: 'llvmTool',
    expected: { version: '16.0.0', llvmMajor: 17 },
  },
  {
    file: 'llvm-profdata-rustup-1.87.txt',
    parser: 'llvmTool',
    expected: { version: '20.1.1', llvmMajor: 20 },
  },
  {
    file: 'llvm-cov-debian-22.txt',
    parser: 'llvmTool',
    expected: { version: '22.1.8', llvmMajor: 22 },
  },
  {
    file: 'llvm-cov-debian-14.txt',
    parser: 'llvmTool',
    expected: { version: '14.0.6', llvmMajor: 14 },
  },
  {
    file: 'llvm-cov-ubuntu-18.txt',
    parser: 'llvmTool',
    expected: { version: '18.1.3', llvmMajor: 18 },
  },
  {
    file: 'llvm-cov-apple-15.txt',
    parser: 'llvmTool',
    expected: { version: '15.0.0', llvmMajor: 16 },
  },
  {
    file: 'llvm-cov-rustup-1.87.txt',
    parser: 'llvmTool',
    expected: { version: '20.1.1', llvmMajor: 20 },
  },
  // qemu-system-arm --version
  { file: 'qemu-debian-7.2.txt', parser: 'qemu', expected: { version: '7.2.22' } },
  { file: 'qemu-homebrew-9.2.txt', parser: 'qemu', expected: { version: '9.2.3' } },
  { file: 'qemu-xpack-7.2.txt', parser: 'qemu', expected: { version: '7.2.0' } },
  // Not version output at all.
  { file: 'garbage-empty.txt', parser: 'qemu', refused: { tool: '/usr/bin/qemu-system-arm' } },
  { file: 'garbage-command-not-found.txt', parser: 'clang', refused: { tool: 'clang-19' } },
  {
    file: 'garbage-rustup-no-default.txt',
    parser: 'rustc',
    refused: { tool: '/root/.cargo/bin/rustc' },
  },
  // Real version output, but of rustdoc, which rustc-shaped fields must not pass for rustc.
  { file: 'wrong-program-rustdoc.txt', parser: 'rustc', refused: { tool: '/usr/bin/rustc' } },
  {
    file: 'garbage-wrapper-usage.txt',
    parser: 'llvmTool',
    refused: { tool: '/opt/tools/llvm-cov-wrapper.sh' },
  },
];

function fixture(file: string): string {
  return readFileSync(join(FIXTURES, file), 'utf8');
}

function refusal(parse: () => unknown): unknown {
  try {
    parse();
  } catch (error) {
    return error;
  }
  throw new Error('expected the output to be refused, but it parsed');
}

function expectRefused(parse: () => unknown, tool: string): void {
  const error = refusal(parse);
  expect(error).toBeInstanceOf(UnparseableVersionError);
  expect((error as UnparseableVersionError).tool).toBe(tool);
  expect((error as UnparseableVersionError).message).toContain(`${tool}: cannot read a version`);
}

describe('version output fixtures', () => {
  it('has exactly one expectation per fixture file', () => {
    const files = readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.txt'))
      .sort();
    expect(CASES.map((c) => c.file).sort()).toEqual(files);
  });

  it.each(CASES)('$file', (c) => {
    const output = fixture(c.file);
    if ('refused' in c) {
      expectRefused(() => PARSERS[c.parser](output, c.refused.tool), c.refused.tool);
    } else {
      expect(PARSERS[c.parser](output, `/usr/bin/${c.parser}`)).toStrictEqual(c.expected);
    }
  });

  it('refuses every fixture meant for another program', () => {
    // Old Xcode's clang banner reads "Apple LLVM version ...", which is also an LLVM tool's banner.
    const sharedBanner = new Set(['clang-apple-10.txt:llvmTool']);
    for (const c of CASES) {
      for (const name of Object.keys(PARSERS) as ParserName[]) {
        if (name === c.parser || sharedBanner.has(`${c.file}:${name}`)) continue;
        expectRefused(() => PARSERS[name](fixture(c.file), `/usr/bin/${name}`), `/usr/bin/${name}`);
      }
    }
  });
});

describe('parseRustcVersion', () => {
  const vv = (release: string) =>
    `rustc ${release} (0123456789 2026-05-01)\nbinary: rustc\ncommit-date: 2026-05-01\nhost: ${HOST}\nrelease: ${release}\nLLVM version: 22.1.4\n`;

  it.each([
    ['1.96.0', 'stable'],
    ['1.96.0-beta.3', 'beta'],
    ['1.97.0-nightly', 'nightly'],
    ['1.97.0-dev', 'dev'],
  ] as const)('reads %s as the %s channel', (release, channel) => {
    expect(parseRustcVersion(vv(release), 'rustc')).toMatchObject({
      release,
      channel,
      llvmMajor: 22,
    });
  });

  it('reads Windows line endings', () => {
    expect(parseRustcVersion(vv('1.96.0').replace(/\n/g, '\r\n'), 'rustc.exe')).toStrictEqual({
      release: '1.96.0',
      channel: 'stable',
      llvmVersion: '22.1.4',
      llvmMajor: 22,
      host: HOST,
      commitDate: '2026-05-01',
    });
  });

  it('keeps the first value of a field, so a stderr tail after stdout cannot change it', () => {
    expect(
      parseRustcVersion(`${vv('1.96.0')}\nrelease: 1.0.0\nhost: other\n`, 'rustc'),
    ).toMatchObject({ release: '1.96.0', host: HOST });
  });

  it('refuses output without a host line', () => {
    expectRefused(
      () => parseRustcVersion(vv('1.96.0').replace(/^host: .*\n/m, ''), '/usr/bin/rustc'),
      '/usr/bin/rustc',
    );
  });

  it('refuses a release that is not a version', () => {
    expectRefused(
      () => parseRustcVersion(vv('1.96.0').replace('release: 1.96.0', 'release: unknown'), 'rustc'),
      'rustc',
    );
  });
});

describe('parseClangVersion', () => {
  it.each([
    ['Ubuntu clang version 14.0.0-1ubuntu1.1', '14.0.0', 14],
    [
      'clang version 22.0.0git (https://github.com/llvm/llvm-project 0123456789abcdef)',
      '22.0.0',
      22,
    ],
    ['Debian clang version 22.1.8 (1~deb12u1)', '22.1.8', 22],
  ])('reads "%s"', (banner, version, llvmMajor) => {
    expect(parseClangVersion(`${banner}\nThread model: posix\n`, 'clang')).toStrictEqual({
      version,
      llvmMajor,
      vendor: 'llvm',
    });
  });

  it.each([
    ['12.0.0', 10],
    ['12.0.5', 11],
    ['13.0.0', 12],
    ['13.1.6', 13],
    ['14.0.0', 14],
    ['14.0.3', 15],
    ['15.0.0', 16],
    ['15.0.1', 16], // not in the table: the row below it
    ['16.0.0', 17],
    ['17.0.0', 19],
    ['18.0.0', 19], // newer than the table: the last row
    ['9.1.0', 6], // older than the table: the first row
  ])('maps Apple clang %s to LLVM %i', (apple, llvmMajor) => {
    expect(parseClangVersion(`Apple clang version ${apple} (clang-1)\n`, 'cc')).toStrictEqual({
      version: apple,
      llvmMajor,
      vendor: 'apple',
    });
  });

  it('reads Windows line endings', () => {
    const output = fixture('clang-arm-atfe-21.txt').replace(/\n/g, '\r\n');
    expect(parseClangVersion(output, 'clang.exe')).toMatchObject({
      target: 'aarch64-unknown-linux-gnu',
      installedDir: 'C:\\opt\\ATfE-21.1.1-Windows-x86_64\\bin',
    });
  });
});

describe('parseLlvmToolVersion', () => {
  it.each([
    ['Debian LLVM version 22.1.8 (1~deb12u1)\n  Optimized build.\n', '22.1.8', 22],
    [
      'LLVM (http://llvm.org/):\n  LLVM version 18.1.8 (Fedora 18.1.8-1.fc40)\n  Optimized build.\n',
      '18.1.8',
      18,
    ],
    ['Apple LLVM version 14.0.3 (clang-1403.0.22.14.1)\n  Optimized build.\n', '14.0.3', 15],
  ])('reads %j', (output, version, llvmMajor) => {
    expect(parseLlvmToolVersion(output, 'llvm-cov')).toStrictEqual({ version, llvmMajor });
  });
});

describe('parseCompilerIdent', () => {
  // The first six were read with `readelf -p .comment` from binaries built on the recording machine.
  it.each<[string, Omit<CompilerIdent, 'text'>]>([
    [
      'rustc version 1.96.0 (ac68faa20 2026-05-25) (built from a source tarball)',
      { compiler: 'rustc', version: '1.96.0' },
    ],
    ['rustc version 1.95.0 (59807616e 2026-04-14)', { compiler: 'rustc', version: '1.95.0' }],
    ['Linker: Debian LLD 22.1.8', { compiler: 'lld', version: '22.1.8', llvmMajor: 22 }],
    [
      'Linker: LLD 22.1.2 (/checkout/src/llvm-project/llvm 1cb4e3833c1919c2e6fb579a23ac0e2b22587b7e)',
      { compiler: 'lld', version: '22.1.2', llvmMajor: 22 },
    ],
    [
      'Debian clang version 22.1.8 (1~deb12u1)',
      { compiler: 'clang', version: '22.1.8', llvmMajor: 22 },
    ],
    ['GCC: (Debian 12.2.0-14+deb12u1) 12.2.0', { compiler: 'gcc', version: '12.2.0' }],
    [
      'rustc version 1.97.0-nightly (e50aa6fba 2026-05-19)',
      { compiler: 'rustc', version: '1.97.0-nightly' },
    ],
    ['clang version 14.0.6', { compiler: 'clang', version: '14.0.6', llvmMajor: 14 }],
    ['Homebrew clang version 19.1.7', { compiler: 'clang', version: '19.1.7', llvmMajor: 19 }],
    [
      'Apple clang version 15.0.0 (clang-1500.3.9.4)',
      { compiler: 'clang', version: '15.0.0', llvmMajor: 16 },
    ],
    ['xPack x86_64 clang version 17.0.6', { compiler: 'clang', version: '17.0.6', llvmMajor: 17 }],
    [
      'LLD 22.1.8 (compatible with GNU linkers)',
      { compiler: 'lld', version: '22.1.8', llvmMajor: 22 },
    ],
    [
      'GCC: (xPack GNU Arm Embedded GCC x86_64) 12.2.1 20221205',
      { compiler: 'gcc', version: '12.2.1' },
    ],
    ['Linker: GNU ld (GNU Binutils for Debian) 2.40', { compiler: 'other' }],
    ['mold 2.4.0 (compatible with GNU ld)', { compiler: 'other' }],
    ['', { compiler: 'other' }],
  ])('reads %j', (entry, expected) => {
    expect(parseCompilerIdent(entry)).toStrictEqual({ ...expected, text: entry });
  });

  it('drops the NUL terminator and surrounding blanks from the text', () => {
    expect(parseCompilerIdent(' clang version 14.0.6\0')).toStrictEqual({
      compiler: 'clang',
      version: '14.0.6',
      llvmMajor: 14,
      text: 'clang version 14.0.6',
    });
  });

  it('never throws, even on bytes that are not text', () => {
    expect(parseCompilerIdent('\u0001\u00ff\ufffdLLD \ufffd clang version x')).toMatchObject({
      compiler: 'other',
    });
  });
});
