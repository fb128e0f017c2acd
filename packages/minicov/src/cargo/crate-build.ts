// What a crate's build needs from cargo's view of the workspace: target, crates to instrument, build-std.
import type { StepContext } from '../context';
import type { CrateBuild } from './build-plan';
import { readCargoWorkspace } from './cargo-metadata';
import { rustcWrapperPath } from './rustc-wrapper';
import { instrumentedCrates } from './workspace-crates';
import { MinicovError } from '../errors';

/** The crate's build plus the directory cargo runs in. */
export interface ResolvedCrateBuild extends CrateBuild {
  cargoWorkspaceRoot: string;
}

/** Reads the cargo workspace once and decides what the step's build instruments and how it gets `core`. */
export async function resolveCrateBuild(step: StepContext): Promise<ResolvedCrateBuild> {
  const { rustc, cargo, clang } = step.toolchain;
  const workspace = await readCargoWorkspace(cargo.path, step.abs(step.projectRoot), { RUSTC: rustc.path });
  if (!workspace.packages.some((pkg) => pkg.name === step.projectName)) {
    throw new MinicovError(
      `cargo does not list ${step.projectName} as a member of the workspace at ${workspace.workspaceRoot}`,
      `add ${step.projectRoot} to [workspace] members in ${workspace.workspaceRoot}/Cargo.toml`,
    );
  }
  const target = step.options.target ?? rustc.details.host;
  const prebuilt = rustc.prebuiltTargets.includes(target);
  return {
    cargoWorkspaceRoot: workspace.workspaceRoot,
    packageName: step.projectName,
    bin: step.options.bin,
    target,
    // Without prebuilt libraries for the target, core comes from rust-src (offline: the vendor source in .cargo/config.toml).
    buildStd: prebuilt ? undefined : 'core',
    instrumented: instrumentedCrates(workspace, step.projectName),
    wrapper: rustcWrapperPath(),
    rustc: rustc.path,
    clang: clang?.path,
    tests: step.options.runner === 'test',
  };
}
