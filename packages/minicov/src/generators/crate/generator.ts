// `nx g minicov:crate <name>`: a #![no_std] crate (QEMU firmware or a host library) ready for `nx run <name>:coverage`.
import { formatFiles, logger, type Tree } from '@nx/devkit';
import { runtimeCrateDirectory } from '../setup/runtime-location';
import { checkCrateName } from './crate-name';
import { checkPlaceIsFree, crateDirectory } from './free-place';
import { planCrate } from './kind-target-machine';
import type { CrateGeneratorSchema } from './schema';
import { writeCrate, type CrateToWrite } from './write-crate';

/** Checks every option and the tree, throwing a MinicovError before anything is written; returns what to write. */
export function checkCrateOptions(tree: Tree, options: CrateGeneratorSchema): CrateToWrite {
  const name = checkCrateName(options.name);
  const plan = planCrate(options);
  const directory = crateDirectory(name, options.directory);
  checkPlaceIsFree(tree, name, directory);
  if (plan.kind === 'firmware') runtimeCrateDirectory(tree.root); // throws if the runtime crate is missing
  return { name, directory, plan, withC: options.withC ?? false };
}

/** Nx entry point of `nx g minicov:crate`. */
export default async function crateGenerator(
  tree: Tree,
  options: CrateGeneratorSchema,
): Promise<void> {
  const crate = checkCrateOptions(tree, options);
  const byHand = writeCrate(tree, crate);
  if (byHand) logger.warn(byHand);
  if (!options.skipFormat) await formatFiles(tree);
  const where =
    crate.plan.kind === 'firmware'
      ? `${crate.plan.target} firmware for QEMU ${crate.plan.machine.name}`
      : 'host library';
  logger.info(
    `${crate.name}: ${where} in ${crate.directory}; run \`nx run ${crate.name}:coverage\`${crate.plan.kind === 'firmware' ? ` or \`nx run ${crate.name}:pgo\`` : ''}`,
  );
}
