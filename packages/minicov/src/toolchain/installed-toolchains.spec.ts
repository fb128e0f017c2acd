// The chooser over what this machine really has: Debian's rustc 1.96 at /usr, rustup stable and nightly,
// clang-22 and clang-14.
import { describe, expect, it } from 'vitest';
import { chooseToolchain } from './choose-toolchain';
import { discoverLlvmInstalls, discoverRustCandidates } from './installed-toolchains';
import { SUPPORTED_LLVM_MAJORS } from './llvm-pin';

describe('toolchains installed on this machine', () => {
  it('finds the system toolchain and the rustup ones, and the LLVM 22 tools', async () => {
    const rusts = await discoverRustCandidates(process.env, process.cwd());
    const system = rusts.find((rust) => rust.label === 'system /usr');
    expect(system).toMatchObject({
      pin: { path: '/usr' },
      release: '1.96.0',
      llvmMajor: 22,
      hasRustSrc: true,
    });
    expect(rusts.find((rust) => rust.label === 'rustup stable')).toMatchObject({
      pin: { channel: 'stable' },
      release: '1.95.0',
      hasRustSrc: false,
    });
    const llvm22 = discoverLlvmInstalls(process.env, process.cwd()).find(
      (install) => install.major === 22,
    );
    expect(llvm22).toEqual({
      major: 22,
      clang: '/usr/bin/clang-22',
      llvmProfdata: '/usr/bin/llvm-profdata-22',
      llvmCov: '/usr/bin/llvm-cov-22',
    });
  });

  it('chooses Debian 1.96 with clang-22 for thumbv7m and says why rustup stable cannot build it', async () => {
    const choice = chooseToolchain(
      await discoverRustCandidates(process.env, process.cwd()),
      discoverLlvmInstalls(process.env, process.cwd()),
      {
        targets: ['thumbv7m-none-eabi'],
        cModules: true,
        supportedLlvm: SUPPORTED_LLVM_MAJORS,
      },
    );
    expect(choice.chosen?.rust.label).toBe('system /usr');
    expect(choice.chosen?.llvm.clang).toBe('/usr/bin/clang-22');
    expect(choice.rejected).toContainEqual({
      candidate: 'rustup stable: rustc 1.95.0 (LLVM 22)',
      reason:
        'cannot build for thumbv7m-none-eabi: no rust-src (for -Zbuild-std=core) and no prebuilt thumbv7m-none-eabi libraries',
    });
  });

  it('accepts rustup stable with clang-22 for host-only work when the system toolchain is out of the picture', async () => {
    const rusts = (await discoverRustCandidates(process.env, process.cwd())).filter(
      (rust) => rust.label === 'rustup stable',
    );
    const choice = chooseToolchain(rusts, discoverLlvmInstalls(process.env, process.cwd()), {
      targets: [undefined],
      cModules: true,
      supportedLlvm: SUPPORTED_LLVM_MAJORS,
    });
    expect(choice.chosen?.rust.release).toBe('1.95.0');
    expect(choice.chosen?.llvm.major).toBe(22);
  });
});
