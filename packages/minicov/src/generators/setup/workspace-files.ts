// The workspace files setup writes: nx.json's plugin entry, rust-toolchain.toml, .cargo/config.toml, the Cargo workspace.
import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { join } from 'node:path';
import { MinicovError } from '../../errors';
import type { RustCandidate } from '../../toolchain/choose-toolchain';

/** Adds the minicov plugin with its LLVM pin to nx.json, or updates the pin; leaves everything else alone. */
export function registerPlugin(tree: Tree, llvmMajor: number): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = [...(nxJson.plugins ?? [])];
  const index = plugins.findIndex((entry) => (typeof entry === 'string' ? entry : entry.plugin) === 'minicov');
  const current = index >= 0 ? plugins[index] : undefined;
  const options = typeof current === 'object' ? { ...(current.options as Record<string, unknown> | undefined) } : {};
  if (options.llvmMajor === llvmMajor && typeof current === 'object') return;
  const entry = { plugin: 'minicov', options: { ...options, llvmMajor } };
  if (index >= 0) plugins[index] = entry;
  else plugins.push(entry);
  updateNxJson(tree, { ...nxJson, plugins });
}

/** The rust-toolchain.toml text that pins `rust`. */
export function toolchainFileText(rust: RustCandidate): string {
  const pin = 'path' in rust.pin ? `path = ${JSON.stringify(rust.pin.path)}` : `channel = ${JSON.stringify(rust.pin.channel)}`;
  return `# Chosen by \`nx g minicov:setup\`: ${rust.label}, rustc ${rust.release} (LLVM ${rust.llvmMajor}).\n[toolchain]\n${pin}\n`;
}

/** Writes rust-toolchain.toml; an existing pin is kept (the user chose it) and reported when it differs. */
export function pinRustToolchain(tree: Tree, rust: RustCandidate): string | undefined {
  const wanted = toolchainFileText(rust);
  const existing = tree.read('rust-toolchain.toml', 'utf-8');
  if (existing === null) {
    tree.write('rust-toolchain.toml', wanted);
    return undefined;
  }
  const pinned = parseWorkspaceToml('rust-toolchain.toml', existing) as { toolchain?: { channel?: string; path?: string } };
  const same = 'path' in rust.pin ? pinned.toolchain?.path === rust.pin.path : pinned.toolchain?.channel === rust.pin.channel;
  return same ? undefined : `rust-toolchain.toml already pins another toolchain; kept it (the chooser would pin ${rust.label}, rustc ${rust.release})`;
}

/** Parses a workspace TOML file that setup updates; a syntax error names the file. */
function parseWorkspaceToml(file: string, text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new MinicovError(`${file}: not valid TOML (${(error as Error).message.split('\n')[0]})`, 'fix the file, then run the generator again');
  }
}

/** Points crates.io at the toolchain's vendored library sources, so -Zbuild-std works offline. */
export function configureOfflineBuildStd(tree: Tree, sysroot: string): void {
  const file = '.cargo/config.toml';
  const text = tree.read(file, 'utf-8');
  const config = text === null ? {} : parseWorkspaceToml(file, text);
  const vendor = join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library', 'vendor');
  const source = (config.source ?? {}) as Record<string, Record<string, unknown>>;
  if (source['crates-io']?.['replace-with'] === 'rust-library-vendor' && source['rust-library-vendor']?.directory === vendor) return;
  source['crates-io'] = { ...source['crates-io'], 'replace-with': 'rust-library-vendor' };
  source['rust-library-vendor'] = { directory: vendor };
  config.source = source;
  tree.write(file, `# -Zbuild-std resolves the standard library's own dependencies: use the copies the toolchain ships.\n${stringifyToml(config)}\n`);
}

/** Creates the Cargo workspace manifest if the workspace has none. */
export function ensureCargoWorkspace(tree: Tree): void {
  if (tree.exists('Cargo.toml')) return;
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
}

/** Adds `directory` to the Cargo workspace's members (once). */
export function addWorkspaceMember(tree: Tree, directory: string): void {
  const text = tree.read('Cargo.toml', 'utf-8') ?? '';
  const manifest = parseToml(text) as { workspace?: { members?: string[] } };
  const members = manifest.workspace?.members ?? [];
  if (members.includes(directory)) return;
  if (!manifest.workspace) {
    throw new MinicovError('Cargo.toml at the workspace root is a package, not a [workspace]', 'add a [workspace] table with `members = []`, or run `nx g minicov:setup` in a workspace without a root package');
  }
  const quoted = [...members, directory].map((member) => JSON.stringify(member)).join(', ');
  const updated = /^members\s*=\s*\[[^\]]*\]/m.test(text)
    ? text.replace(/^members\s*=\s*\[[^\]]*\]/m, `members = [${quoted}]`)
    : text.replace(/^\[workspace\]\s*$/m, `[workspace]\nmembers = [${quoted}]`);
  tree.write('Cargo.toml', updated);
}

/** Adds the build and coverage outputs to .gitignore (once each). */
export function ignoreOutputs(tree: Tree): void {
  const wanted = ['target/', 'dist/', 'coverage/', '*.profraw', '*.profdata', '.nx/cache', '.nx/workspace-data'];
  const text = tree.read('.gitignore', 'utf-8') ?? '';
  const present = new Set(text.split('\n').map((line) => line.trim()));
  const missing = wanted.filter((entry) => !present.has(entry));
  if (missing.length === 0) return;
  tree.write('.gitignore', `${text}${text && !text.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
}
