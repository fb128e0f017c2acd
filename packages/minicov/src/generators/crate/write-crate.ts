// Writes the crate's files from the templates in files/ and adds the crate to the Cargo workspace.
import { join, posix, relative } from 'node:path';
import { generateFiles, type Tree } from '@nx/devkit';
import { addWorkspaceMember, ensureCargoWorkspace } from '../setup/workspace-files';
import { runtimeCrateDirectory } from '../setup/runtime-location';
import { workspaceMemberNamed } from './free-place';
import { underscored } from './crate-name';
import type { CratePlan } from './kind-target-machine';
import { linkerRegion } from '../../board/machines';

/** A checked crate to write: nothing about it can fail any more. */
export interface CrateToWrite {
  name: string;
  directory: string;
  plan: CratePlan;
  withC: boolean;
}

const FILES = join(__dirname, 'files');

/**
 * Writes every file of the crate and registers it as a Cargo workspace member;
 * returns what is left to do by hand, if anything.
 */
export function writeCrate(tree: Tree, crate: CrateToWrite): string | undefined {
  const { name, directory, plan, withC } = crate;
  const cModule = `${underscored(name)}_c`;
  const common = { tmpl: '', name, directory, withC, cModule, target: plan.target };
  if (plan.kind === 'firmware') {
    const { machine } = plan;
    generateFiles(tree, join(FILES, 'firmware'), directory, {
      ...common,
      machine: machine.name,
      cpu: machine.cpu,
      flash: linkerRegion(machine.flash),
      ram: linkerRegion(machine.ram),
      fpu: plan.target.endsWith('eabihf'),
      runtimePath: JSON.stringify(runtimeDependencyPath(tree, directory)),
    });
  } else {
    generateFiles(tree, join(FILES, 'lib'), directory, common);
    if (withC) generateFiles(tree, join(FILES, 'lib-with-c'), directory, common);
  }
  if (withC) generateFiles(tree, join(FILES, 'c-module'), directory, common);
  ensureCargoWorkspace(tree);
  return addWorkspaceMember(tree, directory);
}

/**
 * The minicov runtime crate's path as seen from `directory`, for the Cargo path dependency: the workspace's own
 * member named minicov when it has one (a second copy would make two packages of one name), else the installed one.
 */
export function runtimeDependencyPath(tree: Tree, directory: string): string {
  const runtime = workspaceMemberNamed(tree, 'minicov') ?? runtimeCrateDirectory(tree.root);
  return relative(directory, runtime).split('\\').join(posix.sep);
}
