// Which tools a crate's steps use, from the options every inferred target carries.
import { runsInQemu } from '../model/crate-settings';
import type { CrateOptions } from '../model/step-options';
import { qemuArchForTarget } from '../model/qemu-arch';
import type { ToolchainNeeds } from '../toolchain/toolchain-needs';

/** Which tools a crate's coverage and PGO targets use. */
export function toolchainNeeds(options: CrateOptions): ToolchainNeeds {
  return {
    target: options.target,
    cModules: options.cModules,
    qemuArch: runsInQemu(options) && options.target ? qemuArchForTarget(options.target) : undefined,
    profdata: true,
    cov: true,
  };
}
