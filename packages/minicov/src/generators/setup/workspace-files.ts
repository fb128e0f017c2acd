// The workspace files setup writes: nx.json's plugin entry, rust-toolchain.toml, the Cargo workspace, .gitignore;
// each returns what it did as a note.
import { parseTomlText } from '../../model/toml-text';
import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../../errors';
import type { RustCandidate } from '../../toolchain/choose-toolchain';
import { memberEntry, withWorkspaceMember } from './cargo-workspace-membership';

/** An nx.json `plugins` entry that registers minicov (by name, or as an object with options). */
export function isMinicovEntry(entry: string | { plugin: string }): boolean {
  return (typeof entry === 'string' ? entry : entry.plugin) === 'minicov';
}

/** Whether the tree's nx.json registers the minicov plugin. */
export function pluginRegistered(tree: Tree): boolean {
  return (readNxJson(tree)?.plugins ?? []).some(isMinicovEntry);
}

/** Adds the minicov plugin with its LLVM pin to nx.json, or updates the pin; leaves everything else alone. */
export function registerPlugin(tree: Tree, llvmMajor: number): string | undefined {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = [...(nxJson.plugins ?? [])];
  const index = plugins.findIndex(isMinicovEntry);
  const current = index >= 0 ? plugins[index] : undefined;
  const options =
    typeof current === 'object'
      ? { ...(current.options as Record<string, unknown> | undefined) }
      : {};
  if (options.llvmMajor === llvmMajor && typeof current === 'object') return undefined;
  const entry = { plugin: 'minicov', options: { ...options, llvmMajor } };
  if (index >= 0) plugins[index] = entry;
  else plugins.push(entry);
  updateNxJson(tree, { ...nxJson, plugins });
  return `nx.json: registered the minicov plugin with llvmMajor ${llvmMajor}, the LLVM major every compiler and LLVM tool of a build must share`;
}

/** Registers the plugin without an LLVM pin (`nx add` on a machine without a toolchain); a registered one is kept. */
export function registerPluginUnpinned(tree: Tree): string | undefined {
  if (pluginRegistered(tree)) return undefined;
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  updateNxJson(tree, { ...nxJson, plugins: [...plugins, { plugin: 'minicov', options: {} }] });
  return 'nx.json: registered the minicov plugin, without an LLVM pin until `nx g minicov:setup` chooses a toolchain';
}

/** The rust-toolchain.toml text that pins `rust`. */
export function toolchainFileText(rust: RustCandidate): string {
  const pin =
    'path' in rust.pin
      ? `path = ${JSON.stringify(rust.pin.path)}`
      : `channel = ${JSON.stringify(rust.pin.channel)}`;
  return `# Chosen by \`nx g minicov:setup\`: ${rust.label}, rustc ${rust.release} (LLVM ${rust.llvmMajor}).\n[toolchain]\n${pin}\n`;
}

/** Writes rust-toolchain.toml; an existing pin is kept (the user chose it) and reported when it differs. */
export function pinRustToolchain(tree: Tree, rust: RustCandidate): string | undefined {
  const wanted = toolchainFileText(rust);
  const existing = tree.read('rust-toolchain.toml', 'utf-8');
  if (existing === null) {
    tree.write('rust-toolchain.toml', wanted);
    return `rust-toolchain.toml: pinned ${rust.label}, rustc ${rust.release} (LLVM ${rust.llvmMajor}), so cargo uses the toolchain chosen above`;
  }
  const pinned = parseWorkspaceToml('rust-toolchain.toml', existing) as {
    toolchain?: { channel?: string; path?: string };
  };
  const same =
    'path' in rust.pin
      ? pinned.toolchain?.path === rust.pin.path
      : pinned.toolchain?.channel === rust.pin.channel;
  return same
    ? undefined
    : `rust-toolchain.toml already pins another toolchain; kept it (the chooser would pin ${rust.label}, rustc ${rust.release})`;
}

/** Parses a workspace TOML file that setup updates; a syntax error names the file. */
function parseWorkspaceToml(file: string, text: string): Record<string, unknown> {
  return parseTomlText(file, text, 'fix the file, then run the generator again');
}

/** Creates the Cargo workspace manifest if the workspace has none. */
export function ensureCargoWorkspace(tree: Tree): string | undefined {
  if (tree.exists('Cargo.toml')) return undefined;
  tree.write(
    'Cargo.toml',
    [
      '[workspace]',
      'resolver = "2"',
      'members = []',
      '',
      '# Firmware has no unwinder; debug info lets llvm-cov and debuggers map code to lines.',
      '[profile.dev]',
      'panic = "abort"',
      '',
      '[profile.release]',
      'panic = "abort"',
      'debug = true',
      'codegen-units = 1',
      '',
    ].join('\n'),
  );
  return 'Cargo.toml: created the Cargo workspace manifest (no members yet; panic = "abort" and debug info for firmware builds)';
}

/**
 * Adds `directory` to the root Cargo workspace's members unless an entry covers it;
 * returns what to do by hand when no safe edit is found.
 */
export function addWorkspaceMember(tree: Tree, directory: string): string | undefined {
  const text = tree.read('Cargo.toml', 'utf-8') ?? '';
  const manifest = parseToml(text) as { workspace?: { members?: unknown; exclude?: unknown } };
  if (!manifest.workspace) {
    throw new MinicovError(
      'Cargo.toml at the workspace root is a package, not a [workspace]',
      'add a [workspace] table with `members = []`, or run `nx g minicov:setup` in a workspace without a root package',
    );
  }
  if (memberEntry(manifest.workspace, directory)) return undefined;
  const updated = withWorkspaceMember(text, directory);
  if (updated === undefined)
    return `Cargo.toml: add "${directory}" to [workspace] members by hand (setup found no members list it can extend without rewriting the file)`;
  tree.write('Cargo.toml', updated);
  return undefined;
}

/** Adds the build and coverage outputs to .gitignore (once each). */
export function ignoreOutputs(tree: Tree): string | undefined {
  const wanted = [
    'target/',
    'dist/',
    'coverage/',
    '*.profraw',
    '*.profdata',
    '.nx/cache',
    '.nx/workspace-data',
  ];
  const text = tree.read('.gitignore', 'utf-8') ?? '';
  const present = new Set(text.split('\n').map((line) => line.trim().replace(/^\//, '')));
  // An ignored parent directory covers the entries under it (`.nx/` covers `.nx/cache`).
  const underIgnoredDirectory = (entry: string) => {
    const parts = entry.split('/');
    return parts
      .slice(0, -1)
      .some((_, index) => present.has(`${parts.slice(0, index + 1).join('/')}/`));
  };
  const missing = wanted.filter((entry) => !present.has(entry) && !underIgnoredDirectory(entry));
  if (missing.length === 0) return undefined;
  tree.write(
    '.gitignore',
    `${text}${text && !text.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`,
  );
  return `.gitignore: added ${missing.join(', ')} (build outputs, profiles and Nx's cache)`;
}
