// `nx add minicov` runs this: the same as `nx g minicov:setup` without opting a crate in.
import { logger, type Tree } from '@nx/devkit';
import { setupWorkspace } from '../setup/generator';

/** Options of the init generator (what `nx add` passes). */
export interface InitGeneratorSchema {
  skipFormat?: boolean;
}

/** Nx entry point of `nx add minicov` / `nx g minicov:init`. */
export default async function initGenerator(
  tree: Tree,
  options: InitGeneratorSchema,
): Promise<void> {
  const result = await setupWorkspace(tree, { skipFormat: options.skipFormat });
  for (const note of result.notes) logger.info(note);
}
