// `nx g minicov:crate <name>`: a #![no_std] crate (QEMU firmware or a host library) ready for `nx run <name>:coverage`.
import { formatFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { MinicovError } from '../../errors';
import { runtimeCrateDirectory } from '../setup/runtime-location';
import { pluginRegistered } from '../setup/workspace-files';
import { checkCrateName } from './crate-name';
import { checkPlaceIsFree, crateDirectory } from './free-place';
import { planCrate } from './kind-target-machine';
import { recordNewMember } from './lockfile';
import type { CrateGeneratorSchema } from './schema';
import { writeCrate, type CrateToWrite } from './write-crate';

/** The crate generator ran before setup: nx would not infer the new crate's targets. */
export class SetupFirstError extends MinicovError {}

/** Checks every option and the tree, throwing a MinicovError before anything is written; returns what to write. */
export function checkCrateOptions(tree: Tree, options: CrateGeneratorSchema): CrateToWrite {
  const name = checkCrateName(options.name);
  if (!pluginRegistered(tree)) {
    throw new SetupFirstError(
      `nx.json does not register the minicov plugin yet, so nx would not see ${name}'s targets (\`nx run ${name}:coverage\` would say it cannot find the project)`,
      'run `nx g minicov:setup` first (it registers the plugin and pins a working toolchain), then this command again; nothing was written',
    );
  }
  const plan = planCrate(options);
  const directory = crateDirectory(name, options.directory);
  checkPlaceIsFree(tree, name, directory);
  if (plan.kind === 'firmware') runtimeCrateDirectory(tree.root); // throws if the runtime crate is missing
  return { name, directory, plan, withC: options.withC ?? false };
}

/** Nx entry point of `nx g minicov:crate`; once the files are written, cargo records the crate in Cargo.lock. */
export default async function crateGenerator(
  tree: Tree,
  options: CrateGeneratorSchema,
): Promise<GeneratorCallback> {
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
  return () => recordNewMember(tree.root);
}
