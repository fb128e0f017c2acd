// `nx g minicov:setup`: register the plugin, pin a working toolchain, configure offline build-std, opt a crate in.
import { formatFiles, logger, type Tree } from '@nx/devkit';
import { MinicovError } from '../../errors';
import { describe } from '../../toolchain/choose-toolchain';
import { chooseInstalledToolchain, type ChooseInstalledToolchain } from './installed-toolchain';
import { optInCrate, readCrateToOptIn } from './opt-in-crate';
import { runtimeCrateDirectory } from './runtime-location';
import type { SetupGeneratorSchema } from './schema';
import { configureOfflineBuildStd, ensureCargoWorkspace, ignoreOutputs, pinRustToolchain, registerPlugin } from './workspace-files';

/** What setup chose, for the generators that build on it. */
export interface SetupResult {
  llvmMajor: number;
  runtimeCrateDir: string;
  notes: string[];
}

/** Does the work of setup on `tree`; `choose` reads the installed toolchains (replaceable in tests). */
export async function setupWorkspace(tree: Tree, options: SetupGeneratorSchema, choose: ChooseInstalledToolchain = chooseInstalledToolchain): Promise<SetupResult> {
  if (options.project) readCrateToOptIn(tree, options.project);
  const embedded = options.embedded ?? true;
  const choice = await choose([embedded ? 'thumbv7m-none-eabi' : undefined], tree.root);
  if (!choice.chosen) {
    const reasons = choice.rejected.map((entry) => `  ${entry.candidate}: ${entry.reason}`).join('\n') || '  no Rust toolchain was found';
    throw new MinicovError(
      `no usable toolchain on this machine:\n${reasons}`,
      'install one (Debian: apt-get install rustc-web cargo-web rust-web-src clang-22 llvm-22 lld-22), then run `nx g minicov:setup` again; nothing was written',
    );
  }
  const { rust, llvm } = choice.chosen;
  const runtimeCrateDir = runtimeCrateDirectory(tree.root);
  const notes: string[] = [`toolchain: ${describe(rust)} with clang-${llvm.major}`];
  for (const rejected of choice.rejected) notes.push(`  not chosen: ${rejected.candidate}: ${rejected.reason}`);
  registerPlugin(tree, llvm.major);
  const kept = pinRustToolchain(tree, rust);
  if (kept) notes.push(kept);
  if (rust.hasRustSrc) configureOfflineBuildStd(tree, rust.sysroot);
  ensureCargoWorkspace(tree);
  ignoreOutputs(tree);
  if (options.project) notes.push(...optInCrate(tree, options.project, runtimeCrateDir));
  if (!options.skipFormat) await formatFiles(tree);
  return { llvmMajor: llvm.major, runtimeCrateDir, notes };
}

/** Nx entry point of `nx g minicov:setup`. */
export default async function setupGenerator(tree: Tree, options: SetupGeneratorSchema): Promise<void> {
  const result = await setupWorkspace(tree, options);
  for (const note of result.notes) logger.info(note);
}
