import { describe, expect, it } from 'vitest';
import { chooseToolchain, type LlvmInstall, type RustCandidate } from './choose-toolchain';
import { SUPPORTED_LLVM_MAJORS } from './llvm-pin';

const HOST = 'x86_64-unknown-linux-gnu';
const debian: RustCandidate = {
  label: 'system /usr',
  pin: { path: '/usr' },
  release: '1.96.0',
  channel: 'stable',
  sysroot: '/usr',
  llvmMajor: 22,
  host: HOST,
  hasRustSrc: true,
  prebuiltTargets: [HOST],
};
const stable: RustCandidate = {
  label: 'rustup stable',
  pin: { channel: 'stable' },
  release: '1.95.0',
  channel: 'stable',
  sysroot: '/r/stable',
  llvmMajor: 22,
  host: HOST,
  hasRustSrc: false,
  prebuiltTargets: [HOST],
};
const nightly: RustCandidate = {
  label: 'rustup nightly',
  pin: { channel: 'nightly' },
  release: '1.97.0-nightly',
  channel: 'nightly',
  sysroot: '/r/nightly',
  llvmMajor: 22,
  host: HOST,
  hasRustSrc: false,
  prebuiltTargets: [HOST],
};
const old: RustCandidate = {
  label: 'system /usr/local',
  pin: { path: '/usr/local' },
  release: '1.63.0',
  channel: 'stable',
  sysroot: '/usr/local',
  llvmMajor: 14,
  host: HOST,
  hasRustSrc: false,
  prebuiltTargets: [HOST],
};
const llvm22: LlvmInstall = {
  major: 22,
  clang: '/usr/bin/clang-22',
  llvmProfdata: '/usr/bin/llvm-profdata-22',
  llvmCov: '/usr/bin/llvm-cov-22',
};
const llvm14NoClang: LlvmInstall = {
  major: 14,
  llvmProfdata: '/usr/bin/llvm-profdata-14',
  llvmCov: '/usr/bin/llvm-cov-14',
};

const firmware = {
  targets: ['thumbv7m-none-eabi'],
  cModules: true,
  supportedLlvm: SUPPORTED_LLVM_MAJORS,
};
const hostOnly = { targets: [undefined], cModules: true, supportedLlvm: SUPPORTED_LLVM_MAJORS };

describe('chooseToolchain', () => {
  it('picks Debian 1.96 with clang-22 for firmware and says why the rustup toolchains cannot build it', () => {
    const choice = chooseToolchain(
      [stable, nightly, debian, old],
      [llvm22, llvm14NoClang],
      firmware,
    );
    expect(choice.chosen?.rust.label).toBe('system /usr');
    expect(choice.chosen?.llvm.major).toBe(22);
    expect(choice.rejected).toEqual([
      {
        candidate: 'rustup stable: rustc 1.95.0 (LLVM 22)',
        reason:
          'cannot build for thumbv7m-none-eabi: no rust-src (for -Zbuild-std=core) and no prebuilt thumbv7m-none-eabi libraries',
      },
      {
        candidate: 'rustup nightly: rustc 1.97.0-nightly (LLVM 22)',
        reason:
          'cannot build for thumbv7m-none-eabi: no rust-src (for -Zbuild-std=core) and no prebuilt thumbv7m-none-eabi libraries',
      },
      {
        candidate: 'system /usr/local: rustc 1.63.0 (LLVM 14)',
        reason:
          'cannot build for thumbv7m-none-eabi: no rust-src (for -Zbuild-std=core) and no prebuilt thumbv7m-none-eabi libraries',
      },
    ]);
  });

  it('accepts rustup stable with clang-22 for host-only work when it is the only toolchain', () => {
    const choice = chooseToolchain([stable], [llvm22], hostOnly);
    expect(choice.chosen?.rust.label).toBe('rustup stable');
    expect(choice.rejected).toEqual([]);
  });

  it('prefers the toolchain with rust-src, then stable over nightly, and explains the ranking', () => {
    const choice = chooseToolchain([nightly, stable, debian], [llvm22], hostOnly);
    expect(choice.chosen?.rust.label).toBe('system /usr');
    expect(choice.rejected.map((entry) => entry.reason)).toEqual([
      'works too, but system /usr: rustc 1.96.0 (LLVM 22) is preferred (it has rust-src, so it can also build for embedded targets)',
      'works too, but system /usr: rustc 1.96.0 (LLVM 22) is preferred (it has rust-src, so it can also build for embedded targets)',
    ]);
    expect(chooseToolchain([nightly, stable], [llvm22], hostOnly).rejected[0]?.reason).toContain(
      'stable is preferred over nightly',
    );
  });

  it('rejects a toolchain whose LLVM major has no clang when C modules are built', () => {
    const choice = chooseToolchain([old], [llvm14NoClang], hostOnly);
    expect(choice.chosen).toBeUndefined();
    expect(choice.rejected[0]?.reason).toBe(
      'no clang-14 on this machine (Debian: apt-get install clang-14 llvm-14)',
    );
    expect(
      chooseToolchain([old], [llvm14NoClang], { ...hostOnly, cModules: false }).chosen?.rust.label,
    ).toBe('system /usr/local');
  });

  it('rejects an LLVM the runtime does not support', () => {
    const future = { ...debian, llvmMajor: 23, release: '1.99.0' };
    const choice = chooseToolchain([future], [{ ...llvm22, major: 23 }], hostOnly);
    expect(choice.rejected[0]?.reason).toBe(
      'LLVM 23 is outside what the minicov runtime supports (LLVM 14-22)',
    );
  });
});
