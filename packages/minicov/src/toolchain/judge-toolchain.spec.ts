import { describe, expect, it } from 'vitest';
import { ToolNotFoundError } from '../process/tool-errors';
import { judgeToolchain, type ToolchainProbes } from './judge-toolchain';
import type { ResolvedTool } from './resolved-tool';
import type { RustcTool } from './rustc';
import type { ToolchainNeeds } from './toolchain-needs';
import { formatToolchainReport } from './toolchain-report';
import { UnparseableVersionError } from './version-errors';

const HOST = 'x86_64-unknown-linux-gnu';

function rustc(overrides: Partial<RustcTool> = {}): RustcTool {
  return {
    kind: 'rustc',
    path: '/usr/bin/rustc',
    version: '1.96.0',
    llvmMajor: 22,
    foundBy: 'rust-toolchain.toml',
    details: {
      release: '1.96.0',
      channel: 'stable',
      llvmVersion: '22.1.8',
      llvmMajor: 22,
      host: HOST,
    },
    sysroot: '/usr',
    targetLibdir: `/usr/lib/rustlib/${HOST}/lib`,
    hasRustSrc: true,
    prebuiltTargets: [HOST],
    ...overrides,
  };
}

function tool(
  kind: ResolvedTool['kind'],
  path: string,
  version: string,
  llvmMajor?: number,
): ResolvedTool {
  return { kind, path, version, llvmMajor, foundBy: 'PATH' };
}

function goodProbes(): ToolchainProbes {
  return {
    rustc: rustc(),
    cargo: tool('cargo', '/usr/bin/cargo', '1.96.0'),
    clang: tool('clang', '/usr/bin/clang-22', '22.1.8', 22),
    llvmProfdata: tool('llvm-profdata', '/usr/bin/llvm-profdata-22', '22.1.8', 22),
    llvmCov: tool('llvm-cov', '/usr/bin/llvm-cov-22', '22.1.8', 22),
    qemu: tool('qemu', '/usr/bin/qemu-system-arm', '7.2.15'),
  };
}

const FIRMWARE: ToolchainNeeds = {
  target: 'thumbv7m-none-eabi',
  cModules: true,
  qemuArch: 'arm',
  profdata: true,
  cov: true,
};

function verdicts(probes: ToolchainProbes, needs = FIRMWARE) {
  return Object.fromEntries(
    judgeToolchain(22, needs, probes).map((row) => [row.tool, row.verdict]),
  );
}

describe('judgeToolchain', () => {
  it('accepts a toolchain where every tool is on the pinned major', () => {
    expect(verdicts(goodProbes())).toEqual({
      rustc: 'ok',
      cargo: 'ok',
      clang: 'ok',
      'llvm-profdata': 'ok',
      'llvm-cov': 'ok',
      qemu: 'ok',
    });
  });

  it('rejects rustc on another LLVM major and says how to re-pin', () => {
    const probes = { ...goodProbes(), rustc: rustc({ version: '1.63.0', llvmMajor: 14 }) };
    const row = judgeToolchain(22, FIRMWARE, probes).find((line) => line.tool === 'rustc');
    expect(row?.verdict).toBe('mismatch');
    expect(row?.problem).toBe('rustc 1.63.0 is built on LLVM 14, the workspace pins LLVM 22');
    expect(row?.fix).toContain('rust-toolchain.toml');
    expect(row?.fix).toContain('llvmMajor in nx.json to 14');
  });

  it('rejects a rustc without rust-src or target libraries for an embedded target, but not for the host', () => {
    const stable = rustc({
      path: '/root/.rustup/toolchains/stable/bin/rustc',
      version: '1.95.0',
      hasRustSrc: false,
      sysroot: '/root/.rustup/toolchains/stable',
    });
    const probes = { ...goodProbes(), rustc: stable };
    const row = judgeToolchain(22, FIRMWARE, probes).find((line) => line.tool === 'rustc');
    expect(row?.verdict).toBe('unsupported');
    expect(row?.problem).toContain('cannot build for thumbv7m-none-eabi: it has no rust-src');
    expect(row?.fix).toContain('apt-get install rust-web-src');
    expect(verdicts(probes, { ...FIRMWARE, target: undefined, qemuArch: undefined }).rustc).toBe(
      'ok',
    );
    expect(verdicts(probes, { ...FIRMWARE, target: HOST, qemuArch: undefined }).rustc).toBe('ok');
  });

  it('accepts a rustc with prebuilt target libraries and no rust-src', () => {
    const probes = {
      ...goodProbes(),
      rustc: rustc({ hasRustSrc: false, prebuiltTargets: [HOST, 'thumbv7m-none-eabi'] }),
    };
    expect(verdicts(probes).rustc).toBe('ok');
  });

  it('rejects clang on another major and names CC', () => {
    const probes = {
      ...goodProbes(),
      clang: { ...tool('clang', '/usr/bin/clang-14', '14.0.6', 14), foundBy: 'CC' },
    };
    const row = judgeToolchain(22, FIRMWARE, probes).find((line) => line.tool === 'clang');
    expect(row).toMatchObject({
      verdict: 'mismatch',
      problem: 'clang 14.0.6 is LLVM 14, the workspace pins LLVM 22',
    });
    expect(row?.fix).toContain('CC=clang-22');
  });

  it('rejects llvm-profdata and llvm-cov on another major, naming their override variables', () => {
    const probes = {
      ...goodProbes(),
      llvmProfdata: tool('llvm-profdata', '/usr/bin/llvm-profdata-14', '14.0.6', 14),
      llvmCov: tool('llvm-cov', '/usr/bin/llvm-cov-19', '19.1.7', 19),
    };
    const rows = judgeToolchain(22, FIRMWARE, probes);
    expect(rows.find((line) => line.tool === 'llvm-profdata')?.fix).toContain(
      'LLVM_PROFDATA=llvm-profdata-22',
    );
    expect(rows.find((line) => line.tool === 'llvm-cov')?.fix).toContain('LLVM_COV=llvm-cov-22');
    expect(rows.filter((line) => line.verdict === 'mismatch').map((line) => line.tool)).toEqual([
      'llvm-profdata',
      'llvm-cov',
    ]);
  });

  it('reports a missing tool with the error it raised and its fix', () => {
    const probes = {
      ...goodProbes(),
      qemu: new ToolNotFoundError(
        'qemu (looked for qemu-system-arm)',
        'apt-get install qemu-system-arm',
      ),
    };
    const row = judgeToolchain(22, FIRMWARE, probes).find((line) => line.tool === 'qemu');
    expect(row).toMatchObject({
      verdict: 'missing',
      problem: 'qemu (looked for qemu-system-arm): not found',
      fix: 'apt-get install qemu-system-arm',
    });
  });

  it('reports a tool whose version cannot be read', () => {
    const probes = {
      ...goodProbes(),
      clang: new UnparseableVersionError('/opt/bin/cc-wrapper', 'usage: cc-wrapper [options]'),
    };
    const row = judgeToolchain(22, FIRMWARE, probes).find((line) => line.tool === 'clang');
    expect(row?.verdict).toBe('missing');
    expect(row?.problem).toContain('/opt/bin/cc-wrapper: cannot read a version');
  });

  it('checks only the tools the target needs', () => {
    const { clang: _clang, qemu: _qemu, ...hostProbes } = goodProbes();
    const rows = judgeToolchain(
      22,
      { cModules: false, profdata: true, cov: false },
      { ...hostProbes, llvmCov: undefined },
    );
    expect(rows.map((row) => row.tool)).toEqual(['rustc', 'cargo', 'llvm-profdata']);
  });

  it('prints a table with every tool and, under it, each problem with its fix', () => {
    const probes = { ...goodProbes(), clang: tool('clang', '/usr/bin/clang-14', '14.0.6', 14) };
    const text = formatToolchainReport(judgeToolchain(22, FIRMWARE, probes), 22);
    expect(text).toMatch(/^LLVM pin: 22\ntool +path +version +LLVM +verdict\n/);
    expect(text).toMatch(/clang +\/usr\/bin\/clang-14 +14\.0\.6 +14 +MISMATCH/);
    expect(text).toMatch(/rustc +\/usr\/bin\/rustc +1\.96\.0 +22 +ok/);
    expect(text).toContain(
      'clang (/usr/bin/clang-14, found by PATH): clang 14.0.6 is LLVM 14, the workspace pins LLVM 22\n  fix: install clang-22',
    );
  });
});
