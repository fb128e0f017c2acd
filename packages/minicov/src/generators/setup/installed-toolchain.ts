// The toolchain facts the setup generator decides from: what is installed, read once.
import { chooseToolchain, type ToolchainChoice } from '../../toolchain/choose-toolchain';
import { discoverLlvmInstalls, discoverRustCandidates } from '../../toolchain/installed-toolchains';
import { SUPPORTED_LLVM_MAJORS } from '../../toolchain/llvm-pin';

/** The chooser's verdict for the targets a workspace will build. */
export type ChooseInstalledToolchain = (
  targets: (string | undefined)[],
  workspaceRoot: string,
) => Promise<ToolchainChoice>;

/** Looks at this machine's rustup and system toolchains and its clang/LLVM installs, and chooses. */
export const chooseInstalledToolchain: ChooseInstalledToolchain = async (targets, workspaceRoot) =>
  chooseToolchain(
    await discoverRustCandidates(process.env, workspaceRoot),
    discoverLlvmInstalls(process.env, workspaceRoot),
    {
      targets,
      cModules: true,
      supportedLlvm: SUPPORTED_LLVM_MAJORS,
    },
  );
