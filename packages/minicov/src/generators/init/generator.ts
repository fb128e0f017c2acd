// `nx add minicov` runs this: registers the plugin and, when a toolchain is usable, does what `nx g minicov:setup`
// does without opting a crate in. It never fails for a missing toolchain: `nx add` would hide the failure.
import { formatFiles, logger, type Tree } from '@nx/devkit';
import { INSTALL_TOOLCHAIN, NoUsableToolchainError, setupWorkspace } from '../setup/generator';
import {
  chooseInstalledToolchain,
  type ChooseInstalledToolchain,
} from '../setup/installed-toolchain';
import { registerPluginUnpinned } from '../setup/workspace-files';

/** Options of the init generator (what `nx add` passes). */
export interface InitGeneratorSchema {
  skipFormat?: boolean;
}

/** Nx entry point of `nx add minicov` / `nx g minicov:init`; `choose` finds the toolchains (tests pass their own). */
export default async function initGenerator(
  tree: Tree,
  options: InitGeneratorSchema,
  choose: ChooseInstalledToolchain = chooseInstalledToolchain,
): Promise<void> {
  try {
    const result = await setupWorkspace(tree, { skipFormat: options.skipFormat }, choose);
    for (const note of result.notes) logger.info(note);
  } catch (error) {
    if (!(error instanceof NoUsableToolchainError)) throw error;
    const note = registerPluginUnpinned(tree);
    if (note) logger.info(note);
    logger.warn(
      `minicov: ${error.message}\n  fix: ${INSTALL_TOOLCHAIN}, then run \`nx g minicov:setup\` to pin it; until then the minicov targets stop with the missing pin`,
    );
    if (!options.skipFormat) await formatFiles(tree);
  }
}
