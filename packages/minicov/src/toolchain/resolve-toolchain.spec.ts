// The resolver against the real tools on this machine
// (Debian rustc 1.96, rustup stable 1.95, clang-22/14, llvm-22/14, QEMU).
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../../../../tools/testing/failure';
import { probeContextFor } from './probe-context';
import { resolveToolchain, ToolchainMismatchError } from './resolve-toolchain';
import type { ToolchainNeeds } from './toolchain-needs';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const FIRMWARE: ToolchainNeeds = {
  target: 'thumbv7m-none-eabi',
  cModules: true,
  qemuArch: 'arm',
  profdata: true,
  cov: true,
};
const HOST: ToolchainNeeds = { cModules: true, profdata: true, cov: true };

/** A directory pinned to a toolchain by its own rust-toolchain.toml. */
function pinnedDirectory(toolchainToml: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'minicov-toolchain-'));
  writeFileSync(join(directory, 'rust-toolchain.toml'), toolchainToml);
  return directory;
}

describe('resolveToolchain on this machine', () => {
  it('accepts Debian rustc 1.96 with clang-22, llvm-22 and QEMU for the firmware', async () => {
    const toolchain = await resolveToolchain(
      22,
      FIRMWARE,
      probeContextFor(join(repoRoot, 'examples', 'fw')),
    );
    expect(toolchain.rustc).toMatchObject({
      path: '/usr/bin/rustc',
      version: '1.96.0',
      llvmMajor: 22,
      hasRustSrc: true,
    });
    expect(toolchain.cargo).toMatchObject({ path: '/usr/bin/cargo', version: '1.96.0' });
    expect(toolchain.clang).toMatchObject({ path: '/usr/bin/clang-22', llvmMajor: 22 });
    expect(toolchain.llvmProfdata?.llvmMajor).toBe(22);
    expect(toolchain.llvmCov?.llvmMajor).toBe(22);
    expect(toolchain.qemu?.path).toBe('/usr/bin/qemu-system-arm');
    expect(toolchain.rows.every((row) => row.verdict === 'ok')).toBe(true);
  });

  it('accepts rustup stable 1.95 with clang-22 for the host and rejects it for thumbv7m with the reason', async () => {
    const directory = pinnedDirectory('[toolchain]\nchannel = "stable"\n');
    const host = await resolveToolchain(22, HOST, probeContextFor(directory));
    expect(host.rustc.version).toBe('1.95.0');
    expect(host.rustc.path).toContain('/toolchains/stable-');
    const error = await failure(resolveToolchain(22, FIRMWARE, probeContextFor(directory)));
    expect(error).toBeInstanceOf(ToolchainMismatchError);
    expect(error.message).toContain('rustc 1.95.0');
    expect(error.message).toContain('cannot build for thumbv7m-none-eabi: it has no rust-src');
    expect(error.message).toContain('apt-get install rust-web-src');
  });

  it('rejects CC=clang-14 against rustc on LLVM 22, naming clang and the fix', async () => {
    const context = probeContextFor(join(repoRoot, 'examples', 'fw'), {
      ...process.env,
      CC: 'clang-14',
    });
    const error = await failure(resolveToolchain(22, FIRMWARE, context));
    expect(error).toBeInstanceOf(ToolchainMismatchError);
    expect(error.message).toContain(
      'toolchain check failed (clang): the step stopped before running anything',
    );
    expect(error.message).toMatch(/clang +\/usr\/bin\/clang-14 +14\.0\.6 +14 +MISMATCH/);
    expect(error.message).toContain(
      'clang (/usr/bin/clang-14, found by CC): clang 14.0.6 is LLVM 14, the workspace pins LLVM 22',
    );
    expect(error.message).toContain('CC=clang-22');
  });

  it('rejects LLVM_PROFDATA=llvm-profdata-14', async () => {
    const context = probeContextFor(join(repoRoot, 'examples', 'fw'), {
      ...process.env,
      LLVM_PROFDATA: 'llvm-profdata-14',
    });
    const error = await failure(resolveToolchain(22, FIRMWARE, context));
    expect(error.message).toContain(
      'llvm-profdata (/usr/bin/llvm-profdata-14, found by LLVM_PROFDATA): llvm-profdata 14.0.6 is LLVM 14',
    );
    expect(error.message).toContain('LLVM_PROFDATA=llvm-profdata-22');
  });

  it('names a tool missing from PATH and the package that provides it', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'minicov-path-'));
    for (const tool of ['rustc', 'cargo', 'clang-22', 'llvm-profdata-22', 'llvm-cov-22'])
      symlinkSync(join('/usr/bin', tool), join(bin, tool));
    const directory = pinnedDirectory('[toolchain]\npath = "/usr"\n');
    const error = await failure(
      resolveToolchain(22, FIRMWARE, probeContextFor(directory, { ...process.env, PATH: bin })),
    );
    expect(error.message).toContain('qemu (looked for qemu-system-arm): not found');
    expect(error.message).toContain('apt-get install qemu-system-arm');
  });

  it('names a compiler that prints an unparseable version', async () => {
    const wrapper = join(mkdtempSync(join(tmpdir(), 'minicov-cc-')), 'cc-wrapper');
    writeFileSync(wrapper, '#!/bin/sh\necho "usage: cc-wrapper [options] file..."\n');
    chmodSync(wrapper, 0o755);
    const context = probeContextFor(join(repoRoot, 'examples', 'fw'), {
      ...process.env,
      CC: wrapper,
    });
    const error = await failure(resolveToolchain(22, FIRMWARE, context));
    expect(error.message).toContain(
      `${wrapper}: cannot read a version from its output: "usage: cc-wrapper [options] file..."`,
    );
  });

  it('names a rust-toolchain.toml whose toolchain is not installed', async () => {
    const directory = pinnedDirectory('[toolchain]\nchannel = "1.70.0"\n');
    const error = await failure(resolveToolchain(22, HOST, probeContextFor(directory)));
    expect(error.message).toContain(
      `${join(directory, 'rust-toolchain.toml')}: names the Rust toolchain "1.70.0", which rustup cannot run here`,
    );
    expect(error.message).toContain('rustup toolchain list');
    const missingPath = pinnedDirectory('[toolchain]\npath = "/opt/no-such-rust"\n');
    const pathError = await failure(resolveToolchain(22, HOST, probeContextFor(missingPath)));
    expect(pathError.message).toContain('toolchain path "/opt/no-such-rust" has no bin/rustc');
  });

  it('names an LLVM_COV that is not executable', async () => {
    const notExecutable = join(mkdtempSync(join(tmpdir(), 'minicov-cov-')), 'llvm-cov');
    writeFileSync(notExecutable, 'not a program\n');
    const context = probeContextFor(join(repoRoot, 'examples', 'fw'), {
      ...process.env,
      LLVM_COV: notExecutable,
    });
    const error = await failure(resolveToolchain(22, FIRMWARE, context));
    expect(error.message).toContain(`llvm-cov (LLVM_COV=${notExecutable}): not executable`);
    expect(error.message).toContain('chmod +x');
  });
});
