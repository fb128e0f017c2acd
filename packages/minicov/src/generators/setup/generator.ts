// `nx g minicov:setup`: register the plugin, pin a working toolchain, and adopt an existing crate as it is.
import { formatFiles, logger, type Tree } from '@nx/devkit';
import { isFirmwareTarget } from '../../board/machines';
import { MinicovError } from '../../errors';
import { describe } from '../../toolchain/choose-toolchain';
import { readCargoConfigFiles } from './crate-cargo-config';
import { chooseInstalledToolchain, type ChooseInstalledToolchain } from './installed-toolchain';
import { normalizeCrateDir, planCrateAdoption, type CrateAdoption } from './opt-in-crate';
import { runtimeCrateDirectory } from './runtime-location';
import type { SetupGeneratorSchema } from './schema';
import { sourceReplacementNotes } from './source-replacement-notes';
import {
  ensureCargoWorkspace,
  ignoreOutputs,
  pinRustToolchain,
  registerPlugin,
} from './workspace-files';

/** What setup chose, for the generators that build on it. */
export interface SetupResult {
  llvmMajor: number;
  runtimeCrateDir: string;
  notes: string[];
}

/**
 * Does the work of setup on `tree`; `choose` reads the installed toolchains (replaceable in tests).
 * Every check runs before the first write.
 */
export async function setupWorkspace(
  tree: Tree,
  options: SetupGeneratorSchema,
  choose: ChooseInstalledToolchain = chooseInstalledToolchain,
): Promise<SetupResult> {
  const project = options.project === undefined ? undefined : normalizeCrateDir(options.project);
  if (!project && (options.target !== undefined || options.machine !== undefined)) {
    throw new MinicovError(
      "--target and --machine need --project: they set the adopted crate's [package.metadata.minicov]",
      'add --project=<crate directory>, or drop them; nothing was written',
    );
  }
  const runtimeCrateDir = runtimeCrateDirectory(tree.root);
  const adoption: CrateAdoption | undefined = project
    ? planCrateAdoption(tree, project, options, runtimeCrateDir)
    : undefined;
  const kept = sourceReplacementNotes(readCargoConfigFiles(tree, project ?? ''));
  const crateTarget = adoption?.target;
  const embedded = options.embedded ?? (crateTarget === undefined || crateTarget !== 'host');
  const target =
    crateTarget !== undefined && isFirmwareTarget(crateTarget) ? crateTarget : 'thumbv7m-none-eabi';
  const choice = await choose([embedded ? target : undefined], tree.root);
  if (!choice.chosen) {
    const reasons =
      choice.rejected.map((entry) => `  ${entry.candidate}: ${entry.reason}`).join('\n') ||
      '  no Rust toolchain was found';
    throw new NoUsableToolchainError(
      `no usable toolchain on this machine:\n${reasons}`,
      `${INSTALL_TOOLCHAIN}, then run \`nx g minicov:setup\` again; nothing was written`,
    );
  }
  const { rust, llvm } = choice.chosen;
  const notes: string[] = [`toolchain: ${describe(rust)} with clang-${llvm.major}`];
  for (const rejected of choice.rejected)
    notes.push(`  not chosen: ${rejected.candidate}: ${rejected.reason}`);
  const written = [
    registerPlugin(tree, llvm.major),
    pinRustToolchain(tree, rust),
    project ? undefined : ensureCargoWorkspace(tree),
    ignoreOutputs(tree),
  ];
  notes.push(...written.filter((note): note is string => note !== undefined));
  if (adoption) {
    for (const [path, text] of adoption.writes) tree.write(path, text);
    notes.push(...adoption.notes);
  }
  notes.push(...kept, ...(adoption?.todo ?? []));
  if (!options.skipFormat) await formatFiles(tree);
  return { llvmMajor: llvm.major, runtimeCrateDir, notes };
}

/** What to install when no toolchain is usable. */
export const INSTALL_TOOLCHAIN =
  'install one (Debian: apt-get install rustc-web cargo-web rust-web-src clang-22 llvm-22 lld-22)';

/** No Rust toolchain with a matching clang and LLVM tools was found: setup writes nothing. */
export class NoUsableToolchainError extends MinicovError {}

/** Nx entry point of `nx g minicov:setup`. */
export default async function setupGenerator(
  tree: Tree,
  options: SetupGeneratorSchema,
): Promise<void> {
  const result = await setupWorkspace(tree, options);
  for (const note of result.notes) logger.info(note);
}
