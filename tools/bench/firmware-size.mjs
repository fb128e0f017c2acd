// Runtime flash and RAM in the linked examples/fw coverage build (thumbv7m-none-eabi, -Os), runtime symbols only.
import { join } from 'node:path';

import { mustRun, repoRoot } from './run.mjs';

const target = 'thumbv7m-none-eabi';
const ramStart = 0x2000_0000; // lm3s6965evb SRAM; everything below is flash

function buildCoverageFirmware() {
  const targetDir = join(repoRoot, 'target', 'bench-fw');
  const flags =
    '["-Cinstrument-coverage","-Zno-profiler-runtime","--cfg","minicov","-Csymbol-mangling-version=v0"]';
  mustRun(
    'cargo',
    [
      'build',
      '-p',
      'fw',
      '--release',
      '--target',
      target,
      '-Zbuild-std=core',
      '--target-dir',
      targetDir,
      '-Zprofile-rustflags',
      '--config',
      `profile.release.package.fw.rustflags=${flags}`,
    ],
    {
      env: {
        RUSTC_BOOTSTRAP: '1',
        RUSTFLAGS: '',
        MINICOV_CFLAGS: '-fprofile-instr-generate -fcoverage-mapping',
      },
    },
  );
  return join(targetDir, target, 'release', 'fw');
}

/** A symbol of the profiling runtime: its C functions and data, the atomics it provides, the minicov crate. */
function isRuntimeSymbol(name) {
  return /^(minicov_|__llvm_profile_|__atomic_)/.test(name) || name.includes('7minicov');
}

/** Measures and returns { flash, ram, symbols: [{ name, size, where }] }. */
export function measureFirmwareRuntime() {
  const elf = buildCoverageFirmware();
  const listing = mustRun('llvm-nm-22', [
    '--print-size',
    '--size-sort',
    '--defined-only',
    elf,
  ]).stdout;
  const symbols = [];
  for (const line of listing.trim().split('\n')) {
    const [address, size, , name] = line.trim().split(/\s+/);
    if (!name || !isRuntimeSymbol(name)) continue;
    symbols.push({
      name,
      size: parseInt(size, 16),
      where: parseInt(address, 16) < ramStart ? 'flash' : 'ram',
    });
  }
  const total = (where) =>
    symbols.filter((s) => s.where === where).reduce((sum, s) => sum + s.size, 0);
  return { flash: total('flash'), ram: total('ram'), symbols };
}
