// The Nx targets inferred for one opted-in crate.
import type { TargetConfiguration } from '@nx/devkit';
import type { MinicovCrate } from '../cargo/minicov-metadata';
import { crateOptions } from '../executors/crate-options';

/** Every inferred target for `crate`, keyed by target name. */
export function crateTargets(crate: MinicovCrate, llvmMajor: number | undefined): Record<string, TargetConfiguration> {
  const options = crateOptions(crate, llvmMajor);
  return {
    toolchain: {
      executor: 'minicov:toolchain',
      options,
      cache: false,
      metadata: {
        description: 'Show every tool this crate uses (rustc, cargo, clang, llvm-profdata, llvm-cov, QEMU) and check it against the LLVM pin',
        technologies: ['rust'],
      },
    },
  };
}
