// The standard library (core, compiler_builtins) for a target without prebuilt libraries, built once from rust-src
// and shared by every crate and chain whose build settings match, instead of `-Zbuild-std` in each build directory.
import { moveUnlessPresent } from '../fs/move-unless-present';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { stringify as stringifyToml } from 'smol-toml';
import { stdLibraryBuildDir } from '../model/output-layout';
import { parseTomlText } from '../model/toml-text';
import { runTool } from '../process/run-tool';
import { cargoConfigFiles } from './cargo-config-files';
import { offlineSourceArgs } from './offline-sources';

/** What decides the standard library a crate's build links: the toolchain, the target, and cargo's settings. */
export interface StdSysrootInput {
  cargo: string;
  rustc: string;
  /** The toolchain's own sysroot (rust-src, the host's libraries and tools). */
  rustcSysroot: string;
  /** The host triple, whose directory the new sysroot links to the toolchain's (rust-lld, gcc-ld). */
  host: string;
  target: string;
  /** The crates to build, as `-Zbuild-std` takes them (e.g. "core"). */
  crates: string;
  workspaceRoot: string;
  /** The cargo workspace root, whose Cargo.toml holds the profiles the standard library is built with. */
  cargoWorkspaceRoot: string;
  /** Where the crate's own builds run cargo: its .cargo/config.toml (target rustflags, profiles) applies here too. */
  cargoCwd: string;
}

/** The name of the crate that builds the standard library (a static library: LTO settings apply to it). */
const BUILDER = 'minicov-std-builder';

/**
 * Variables that change what cargo builds the standard library into (the main build's RUSTFLAGS are unset, as here);
 * not those that only change how fast or where (CARGO_BUILD_JOBS, CARGO_TARGET_DIR, CARGO_BUILD_TARGET_DIR).
 */
const CARGO_SETTINGS = /^CARGO_(PROFILE_|BUILD_|TARGET_|UNSTABLE_)/;
const NOT_SETTINGS = /^CARGO_(BUILD_JOBS|TARGET_DIR|BUILD_TARGET_DIR|BUILD_BUILD_DIR)$/;

/**
 * A sysroot holding the standard library for `input.target`, built with the profile, config and environment the
 * crate's own `-Zbuild-std` build would use. Cargo decides freshness (a changed toolchain or setting rebuilds it); each
 * distinct build gets a sysroot directory of its own that never changes, so a build using one is never disturbed.
 */
export async function prebuiltStdSysroot(input: StdSysrootInput): Promise<string> {
  const builder = builderManifest(input);
  const settingsKey = digest([builder, cargoSettingsText(input)]).slice(0, 16);
  // MINICOV_STD_DIR puts the libraries where several workspaces or checkouts share them (a CI cache directory).
  const shared = process.env.MINICOV_STD_DIR;
  const dir = shared
    ? join(shared, `${input.target}-${settingsKey}`)
    : join(input.workspaceRoot, stdLibraryBuildDir(input.target, settingsKey));
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeIfChanged(join(dir, 'Cargo.toml'), builder);
  await writeIfChanged(
    join(dir, 'src', 'lib.rs'),
    '#![no_std]\n#[panic_handler]\nfn panic(_: &core::panic::PanicInfo) -> ! {\n    loop {}\n}\n',
  );
  // The first build of these libraries takes a while (core from source): say so, and show cargo's progress.
  const first = !existsSync(join(dir, 'target'));
  if (first) {
    console.log(
      `minicov: building core for ${input.target} from rust-src, once for every crate and chain with these settings (${dir})`,
    );
  }
  const configArgs = await offlineSourceArgs({
    sysroot: input.rustcSysroot,
    cwd: input.cargoCwd,
    cargoWorkspaceRoot: dir,
    mergedDirectory: join(dir, 'offline-sources'),
  });
  const output = await runTool(
    input.cargo,
    [
      'build',
      '--release',
      '--manifest-path',
      join(dir, 'Cargo.toml'),
      '--target',
      input.target,
      '--target-dir',
      join(dir, 'target'),
      `-Zbuild-std=${input.crates}`,
      '--message-format=json-render-diagnostics',
      ...configArgs,
    ],
    {
      cwd: input.cargoCwd,
      echo: first ? 'stderr' : undefined,
      env: {
        RUSTC: input.rustc,
        RUSTC_BOOTSTRAP: '1',
        RUSTFLAGS: undefined,
        CARGO_ENCODED_RUSTFLAGS: undefined,
        RUSTC_WORKSPACE_WRAPPER: undefined,
      },
      fix: `fix the error above (the standard library for ${input.target} is built with the crate's profile and .cargo/config.toml); \`nx run <project>:toolchain\` shows the tools in use`,
    },
  );
  const libraries = stdLibraries(output.stdout);
  const sysroot = join(dir, `sysroot-${libraryDigest(libraries).slice(0, 16)}`);
  if (!existsSync(join(sysroot, 'lib', 'rustlib', input.target, 'lib'))) {
    await assembleSysroot(sysroot, libraries, input);
  }
  return sysroot;
}

/** The builder's Cargo.toml: its own workspace, with the profiles of the crate's cargo workspace. */
function builderManifest(input: StdSysrootInput): string {
  const rootManifest = join(input.cargoWorkspaceRoot, 'Cargo.toml');
  const profile = existsSync(rootManifest)
    ? parseTomlText(rootManifest, readFileSync(rootManifest, 'utf8')).profile
    : undefined;
  return stringifyToml({
    package: { name: BUILDER, version: '0.0.0', edition: '2021', publish: false },
    lib: { path: 'src/lib.rs', 'crate-type': ['staticlib'] },
    workspace: {},
    ...(profile ? { profile } : {}),
  });
}

/**
 * The config files cargo reads in the crate's directory (named relative to the workspace when inside it, so two
 * checkouts sharing a build directory share the library; their settings as cargoConfigFiles parsed them) and the
 * cargo variables set, as one text.
 */
function cargoSettingsText(input: StdSysrootInput): string {
  const files = cargoConfigFiles(input.cargoCwd).map((file) => {
    const inside = relative(input.workspaceRoot, file.path);
    const named = inside.startsWith('..') || isAbsolute(inside) ? file.path : inside;
    return `${named}\n${JSON.stringify(file.config)}`;
  });
  const variables = Object.entries(process.env)
    .filter(([name]) => CARGO_SETTINGS.test(name) && !NOT_SETTINGS.test(name))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`);
  return [...files, ...variables].join('\n');
}

/** The rlibs cargo reports for the standard library crates (every artifact but the builder's own). */
function stdLibraries(cargoJson: string): string[] {
  const libraries: string[] = [];
  for (const line of cargoJson.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as {
      reason?: string;
      target?: { name?: string };
      filenames?: string[];
    };
    if (
      message.reason !== 'compiler-artifact' ||
      message.target?.name === BUILDER.replace(/-/g, '_')
    )
      continue;
    libraries.push(...(message.filenames ?? []).filter((file) => file.endsWith('.rlib')));
  }
  return libraries.sort();
}

/** What tells one build of the libraries from another: each file's name, size and modification time. */
function libraryDigest(libraries: readonly string[]): string {
  return digest(
    libraries.map((file) => {
      const info = statSync(file, { bigint: true });
      return `${basename(file)}:${info.size}:${info.mtimeNs}`;
    }),
  );
}

/**
 * Makes `sysroot` (beside it first, then renamed, so no build sees it half made): the libraries for the target, and
 * the host's directory of the toolchain's sysroot (its linker and tools) linked in.
 */
async function assembleSysroot(
  sysroot: string,
  libraries: readonly string[],
  input: StdSysrootInput,
): Promise<void> {
  const staging = `${sysroot}.${process.pid}-${randomBytes(6).toString('hex')}`;
  const rustlib = join(staging, 'lib', 'rustlib');
  await mkdir(join(rustlib, input.target, 'lib'), { recursive: true });
  for (const library of libraries)
    await copyFile(library, join(rustlib, input.target, 'lib', basename(library)));
  await symlink(join(input.rustcSysroot, 'lib', 'rustlib', input.host), join(rustlib, input.host));
  // Another build may assemble the same libraries in the meantime.
  await moveUnlessPresent(staging, sysroot);
}

async function writeIfChanged(path: string, text: string): Promise<void> {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  const staging = `${path}.${process.pid}.tmp`;
  await writeFile(staging, text);
  await rename(staging, path);
}

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}
