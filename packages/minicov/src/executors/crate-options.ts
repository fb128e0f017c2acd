// Options every inferred minicov target carries: the crate's settings plus the workspace's LLVM pin.
import type { MinicovCrate } from '../cargo/minicov-metadata';
import { qemuArchForTarget } from '../toolchain/qemu';
import type { ToolchainNeeds } from '../toolchain/toolchain-needs';

/** The options createNodes writes into each target (so they are part of Nx's task hash). */
export type CrateOptions = Omit<MinicovCrate, 'name'> & {
  /** The pin from nx.json; validated when a target runs. */
  llvmMajor?: number;
};

/** The crate's settings and the pin, as target options. */
export function crateOptions(crate: MinicovCrate, llvmMajor: number | undefined): CrateOptions {
  const { name: _name, ...settings } = crate;
  return { ...settings, llvmMajor };
}

/** Which tools a crate's coverage and PGO targets use. */
export function toolchainNeeds(options: CrateOptions): ToolchainNeeds {
  return {
    target: options.target,
    cModules: options.cModules,
    qemuArch:
      options.runner === 'qemu' && options.target ? qemuArchForTarget(options.target) : undefined,
    profdata: true,
    cov: true,
  };
}
