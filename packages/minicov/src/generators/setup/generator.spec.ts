import { readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { failure } from '../../../../../tools/testing/failure';
import { snapshot } from '../../../../../tools/testing/tree-snapshot';
import type { ToolchainChoice, RustCandidate } from '../../toolchain/choose-toolchain';
import { setupWorkspace } from './generator';
import type { SetupGeneratorSchema } from './schema';

const HOST = 'x86_64-unknown-linux-gnu';
const debian: RustCandidate = {
  label: 'system /usr',
  pin: { path: '/usr' },
  release: '1.96.0',
  channel: 'stable',
  sysroot: '/usr',
  llvmMajor: 22,
  host: HOST,
  hasRustSrc: true,
  prebuiltTargets: [HOST],
};
const chosen = async (): Promise<ToolchainChoice> => ({
  chosen: {
    rust: debian,
    llvm: {
      major: 22,
      clang: '/usr/bin/clang-22',
      llvmProfdata: '/usr/bin/llvm-profdata-22',
      llvmCov: '/usr/bin/llvm-cov-22',
    },
  },
  rejected: [
    {
      candidate: 'rustup stable: rustc 1.95.0 (LLVM 22)',
      reason: 'cannot build for thumbv7m-none-eabi: no rust-src',
    },
  ],
});
const nothing = async (): Promise<ToolchainChoice> => ({
  rejected: [
    { candidate: 'rustup stable: rustc 1.95.0 (LLVM 22)', reason: 'no clang-22 on this machine' },
  ],
});

/**
 * A cortex-m-rt firmware as such crates come:
 * a registry dependency, its own .cargo/config.toml with target, QEMU runner, link.x and a vendored crates.io.
 */
const FIRMWARE_MANIFEST = [
  '[package]',
  'name = "app"',
  'version = "0.1.0"',
  'edition = "2021"',
  '',
  '[dependencies]',
  'cortex-m-rt = "0.7" # vector table and reset handler',
  'panic-halt = "1.0"',
  '',
  '[profile.release]',
  'debug = true',
  '',
].join('\n');
const FIRMWARE_CONFIG = [
  '[target.thumbv7m-none-eabi]',
  '# QEMU emulating a Stellaris board',
  'runner = "qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb,accel=tcg -nographic -semihosting-config enable=on,target=native -kernel"',
  'rustflags = ["-C", "link-arg=-Tlink.x"]',
  '',
  '[build]',
  'target = "thumbv7m-none-eabi"',
  '',
  '[source.crates-io]',
  'replace-with = "vendored-sources"',
  '',
  '[source.vendored-sources]',
  'directory = "vendor"',
  '',
].join('\n');

type Manifest = {
  package: { metadata?: { minicov?: Record<string, unknown> } };
  dependencies: Record<string, unknown>;
  lints?: { rust?: { unexpected_cfgs?: { level: string; 'check-cfg': string[] } } };
  workspace?: {
    members?: string[];
    lints?: { rust?: { unexpected_cfgs?: { 'check-cfg': string[] } } };
  };
};

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';
const manifest = (tree: Tree, path: string) => parseToml(read(tree, path)) as unknown as Manifest;

function firmwareTree(
  at = 'firmware/app',
  config = FIRMWARE_CONFIG,
  cargoToml = FIRMWARE_MANIFEST,
): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(`${at}/Cargo.toml`, cargoToml);
  tree.write(`${at}/.cargo/config.toml`, config);
  tree.write(
    `${at}/src/main.rs`,
    '#![no_std]\n#![no_main]\n\nuse panic_halt as _;\n\n#[cortex_m_rt::entry]\nfn main() -> ! {\n    loop {}\n}\n',
  );
  tree.write(
    `${at}/memory.x`,
    'MEMORY { FLASH : ORIGIN = 0x00000000, LENGTH = 256K\n RAM : ORIGIN = 0x20000000, LENGTH = 64K }\n',
  );
  return tree;
}

const adopt = (tree: Tree, options: Partial<SetupGeneratorSchema> = {}) =>
  setupWorkspace(tree, { skipFormat: true, project: 'firmware/app', ...options }, chosen);

describe('setup generator: the workspace', () => {
  it('leaves .gitignore alone when its directories already cover the outputs', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const ignored = 'node_modules/\ndist/\ntarget/\n/.nx/\ncoverage/\n*.profraw\n*.profdata\n';
    tree.write('.gitignore', ignored);
    await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(tree.read('.gitignore', 'utf-8')).toBe(ignored);
  });

  it('registers the plugin with the LLVM pin, pins the toolchain and creates a Cargo workspace, writing no .cargo/config.toml', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const result = await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(readNxJson(tree)?.plugins).toContainEqual({
      plugin: 'minicov',
      options: { llvmMajor: 22 },
    });
    expect(parseToml(read(tree, 'rust-toolchain.toml'))).toEqual({ toolchain: { path: '/usr' } });
    expect(tree.exists('.cargo/config.toml')).toBe(false);
    expect(parseToml(read(tree, 'Cargo.toml'))).toMatchObject({
      workspace: { members: [] },
      profile: { release: { panic: 'abort' } },
    });
    expect(read(tree, '.gitignore')).toContain('coverage/');
    const notes = result.notes.join('\n');
    for (const file of [
      'nx.json: registered the minicov plugin with llvmMajor 22',
      'rust-toolchain.toml: pinned system /usr',
      'Cargo.toml: created the Cargo workspace manifest',
      '.gitignore: added target/',
    ]) {
      expect(notes).toContain(file);
    }
  });

  it('changes nothing when run a second time', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await setupWorkspace(tree, { skipFormat: true }, chosen);
    const first = snapshot(tree);
    await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(snapshot(tree)).toEqual(first);
  });

  it('keeps a workspace-level crates.io replacement byte for byte and says so', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const config =
      '# vendored for offline CI\n[source.crates-io]\nreplace-with = "vendored-sources"\n\n[source.vendored-sources]\ndirectory = "vendor"\n';
    tree.write('.cargo/config.toml', config);
    const result = await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(read(tree, '.cargo/config.toml')).toBe(config);
    expect(result.notes).toContain(
      '.cargo/config.toml: kept [source.crates-io] replace-with = "vendored-sources"; minicov\'s builds add the toolchain\'s library sources beside it at build time when they build core',
    );
  });

  it('keeps an existing rust-toolchain.toml and says so', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('rust-toolchain.toml', '[toolchain]\nchannel = "nightly"\n');
    const result = await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(read(tree, 'rust-toolchain.toml')).toBe('[toolchain]\nchannel = "nightly"\n');
    expect(result.notes.join('\n')).toContain('rust-toolchain.toml already pins another toolchain');
  });

  it('rejects an existing rust-toolchain.toml that is not valid TOML, naming it', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('rust-toolchain.toml', '[toolchain\nchannel = "nightly"\n');
    const error = await failure(setupWorkspace(tree, { skipFormat: true }, chosen));
    expect(error.message).toContain('rust-toolchain.toml:1:11: not valid TOML (');
    expect(error.message).toContain('fix: fix the file, then run the generator again');
    expect(read(tree, 'rust-toolchain.toml')).toBe('[toolchain\nchannel = "nightly"\n');
  });

  it('writes nothing when no toolchain is usable, and names every candidate', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = snapshot(tree);
    const error = await failure(setupWorkspace(tree, { skipFormat: true }, nothing));
    expect(error.message).toContain(
      'no usable toolchain on this machine:\n  rustup stable: rustc 1.95.0 (LLVM 22): no clang-22 on this machine',
    );
    expect(error.message).toContain('nothing was written');
    expect(snapshot(tree)).toEqual(before);
  });

  it('rejects --target and --machine without --project, writing nothing', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = snapshot(tree);
    const error = await failure(
      setupWorkspace(tree, { skipFormat: true, machine: 'lm3s6965evb' }, chosen),
    );
    expect(error.message).toContain('--target and --machine need --project');
    expect(snapshot(tree)).toEqual(before);
  });
});

describe('setup generator: adopting a cortex-m-rt firmware as it is', () => {
  it('writes the metadata from its .cargo/config.toml, creates no root Cargo.toml and leaves the config byte for byte', async () => {
    const tree = firmwareTree();
    const result = await adopt(tree);
    const cargo = manifest(tree, 'firmware/app/Cargo.toml');
    expect(cargo.package.metadata?.minicov).toEqual({
      target: 'thumbv7m-none-eabi',
      runner: 'qemu',
      machine: 'lm3s6965evb',
      'link-fragment': true,
    });
    expect(cargo.dependencies.minicov).toEqual({
      path: expect.stringMatching(/runtime\/minicov$/),
      'default-features': false,
    });
    expect(cargo.dependencies['cortex-m-rt']).toBe('0.7');
    expect(tree.exists('Cargo.toml')).toBe(false);
    expect(read(tree, 'firmware/app/.cargo/config.toml')).toBe(FIRMWARE_CONFIG);
    expect(tree.exists('.cargo/config.toml')).toBe(false);
    const notes = result.notes.join('\n');
    expect(notes).toContain(
      'firmware/app/.cargo/config.toml: kept [source.crates-io] replace-with = "vendored-sources"; minicov\'s builds add the toolchain\'s library sources beside it',
    );
    expect(notes).toContain(
      'firmware/app: no Cargo workspace above it, so it stays a standalone Cargo project',
    );
    expect(notes).toContain(
      'target thumbv7m-none-eabi (from build.target in firmware/app/.cargo/config.toml), runner qemu on machine lm3s6965evb (from the runner in firmware/app/.cargo/config.toml)',
    );
    expect(notes).toContain('link-fragment = true (its rustflags pass -Tlink.x)');
  });

  it("keeps the user's text: the new lines come after it, comments and all", async () => {
    const tree = firmwareTree();
    await adopt(tree);
    const text = read(tree, 'firmware/app/Cargo.toml');
    expect(text).toContain(
      'cortex-m-rt = "0.7" # vector table and reset handler\npanic-halt = "1.0"\nminicov = { path = ',
    );
    expect(text).toContain('[profile.release]\ndebug = true\n');
  });

  it('prints the cfg-gated semihosting capture to add', async () => {
    const result = await adopt(firmwareTree());
    const notes = result.notes.join('\n');
    expect(notes).toContain('app: its sources do not call minicov::capture_coverage yet');
    for (const line of [
      '#[cfg(minicov)]',
      'let mut file = minicov::semihosting::SemihostingFile::create(c"app.profraw").expect("open app.profraw on the host");',
      'unsafe { minicov::capture_coverage(&mut file) }.expect("write the coverage profile");',
      'file.close().expect("close the profile");',
    ]) {
      expect(notes).toContain(line);
    }
  });

  it('prints no snippet once the sources call capture_coverage', async () => {
    const tree = firmwareTree();
    tree.write('firmware/app/src/profile.rs', 'unsafe { minicov::capture_coverage(&mut file) }');
    expect((await adopt(tree)).notes.join('\n')).not.toContain('capture_coverage yet');
  });

  it('changes nothing when run a second time, and says it kept the table', async () => {
    const tree = firmwareTree();
    await adopt(tree);
    const first = snapshot(tree);
    const again = await adopt(tree);
    expect(snapshot(tree)).toEqual(first);
    expect(again.notes).toContain(
      'firmware/app/Cargo.toml: kept the existing [package.metadata.minicov]',
    );
  });

  it('declares cfg(minicov) to check-cfg in [lints.rust]', async () => {
    const tree = firmwareTree();
    const result = await adopt(tree);
    expect(manifest(tree, 'firmware/app/Cargo.toml').lints?.rust?.unexpected_cfgs).toEqual({
      level: 'warn',
      'check-cfg': ['cfg(minicov)'],
    });
    expect(result.notes.join('\n')).toContain(
      'firmware/app/Cargo.toml: added cfg(minicov) to the check-cfg list of [lints.rust] unexpected_cfgs',
    );
  });

  it('adds cfg(minicov) to an existing unexpected_cfgs entry', async () => {
    const tree = firmwareTree(
      'firmware/app',
      FIRMWARE_CONFIG,
      `${FIRMWARE_MANIFEST}\n[lints.rust]\nunexpected_cfgs = { level = "deny", check-cfg = ['cfg(kani)'] }\n`,
    );
    await adopt(tree);
    expect(manifest(tree, 'firmware/app/Cargo.toml').lints?.rust?.unexpected_cfgs).toEqual({
      level: 'deny',
      'check-cfg': ['cfg(kani)', 'cfg(minicov)'],
    });
  });

  it('takes the machine from --machine over the runner line', async () => {
    const tree = firmwareTree();
    await adopt(tree, { machine: 'mps2-an385' });
    expect(manifest(tree, 'firmware/app/Cargo.toml').package.metadata?.minicov).toMatchObject({
      machine: 'mps2-an385',
    });
  });

  it('runs a crate given --target=host on the host, with the {profile} capture, and asks for no embedded toolchain', async () => {
    const tree = firmwareTree();
    const asked: (string | undefined)[][] = [];
    const result = await setupWorkspace(
      tree,
      { skipFormat: true, project: 'firmware/app', target: 'host' },
      async (targets) => {
        asked.push(targets);
        return chosen();
      },
    );
    expect(manifest(tree, 'firmware/app/Cargo.toml').package.metadata?.minicov).toEqual({
      runner: 'host',
    });
    expect(asked).toEqual([[undefined]]);
    const notes = result.notes.join('\n');
    expect(notes).toContain(
      'let path = std::env::args().nth(1).unwrap_or_else(|| "app.profraw".into());',
    );
    expect(notes).toContain('unsafe { minicov::capture_coverage_to_buffer(&mut profile) }');
  });

  it("asks the chooser for a toolchain that builds the crate's own target", async () => {
    const tree = firmwareTree(
      'firmware/app',
      FIRMWARE_CONFIG.replace(/thumbv7m-none-eabi/g, 'thumbv7em-none-eabihf').replace(
        'lm3s6965evb,accel=tcg',
        'mps2-an386',
      ),
    );
    const asked: (string | undefined)[][] = [];
    await setupWorkspace(tree, { skipFormat: true, project: 'firmware/app' }, async (targets) => {
      asked.push(targets);
      return chosen();
    });
    expect(asked).toEqual([['thumbv7em-none-eabihf']]);
    expect(manifest(tree, 'firmware/app/Cargo.toml').package.metadata?.minicov).toMatchObject({
      target: 'thumbv7em-none-eabihf',
      machine: 'mps2-an386',
    });
  });

  it('writes no link-fragment for a crate with its own linker script', async () => {
    const tree = firmwareTree(
      'firmware/app',
      FIRMWARE_CONFIG.replace('rustflags = ["-C", "link-arg=-Tlink.x"]\n', ''),
      FIRMWARE_MANIFEST.replace('cortex-m-rt = "0.7" # vector table and reset handler\n', ''),
    );
    await adopt(tree);
    expect(manifest(tree, 'firmware/app/Cargo.toml').package.metadata?.minicov).toEqual({
      target: 'thumbv7m-none-eabi',
      runner: 'qemu',
      machine: 'lm3s6965evb',
    });
  });

  it("reads build.target from a parent directory's .cargo/config", async () => {
    const tree = firmwareTree(
      'firmware/app',
      '[target.thumbv7m-none-eabi]\nrunner = ["qemu-system-arm", "-M", "mps2-an385", "-kernel"]\n',
    );
    tree.write('firmware/.cargo/config', '[build]\ntarget = ["thumbv7m-none-eabi"]\n');
    await adopt(tree);
    expect(manifest(tree, 'firmware/app/Cargo.toml').package.metadata?.minicov).toMatchObject({
      target: 'thumbv7m-none-eabi',
      machine: 'mps2-an385',
    });
  });
});

describe('setup generator: manifests it cannot extend line by line', () => {
  it('leaves the dependency and the table to the user when inline tables hold them, and says what to add', async () => {
    const text =
      'dependencies = { cortex-m-rt = "0.7" }\n\n[package]\nname = "app"\nversion = "0.1.0"\nmetadata = { docs = true }\n';
    const tree = firmwareTree('firmware/app', FIRMWARE_CONFIG, text);
    const result = await adopt(tree);
    expect(read(tree, 'firmware/app/Cargo.toml')).toBe(
      `${text}\n# minicov builds this crate with --cfg minicov (coverage and profile-generate builds only).\n[lints.rust]\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg(minicov)"] }\n`,
    );
    const notes = result.notes.join('\n');
    expect(notes).toContain('firmware/app/Cargo.toml: add `minicov = { path = ');
    expect(notes).toContain(
      'firmware/app/Cargo.toml: add this table by hand (setup found no place to add it without rewriting the file): target thumbv7m-none-eabi',
    );
    expect(notes).toContain('[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"');
  });
});

describe('setup generator: Cargo workspace membership', () => {
  it('adds the crate to a root [workspace], keeping its formatting', async () => {
    const tree = firmwareTree();
    tree.write(
      'Cargo.toml',
      '[workspace]\nresolver = "2"\nmembers = [\n    "libs/codec", # shared\n]\n',
    );
    const result = await adopt(tree);
    expect(read(tree, 'Cargo.toml')).toBe(
      '[workspace]\nresolver = "2"\nmembers = [\n    "libs/codec", # shared\n    "firmware/app",\n]\n',
    );
    expect(result.notes.join('\n')).toContain(
      'Cargo.toml: added "firmware/app" to [workspace] members',
    );
  });

  it('adds nothing when a members glob already covers the crate', async () => {
    const tree = firmwareTree();
    tree.write('Cargo.toml', '[workspace]\nmembers = ["firmware/*"]\n');
    const result = await adopt(tree);
    expect(read(tree, 'Cargo.toml')).toBe('[workspace]\nmembers = ["firmware/*"]\n');
    expect(result.notes.join('\n')).toContain(
      'firmware/app is already a workspace member (members entry "firmware/*")',
    );
  });

  it('adds nothing when the workspace excludes the crate', async () => {
    const tree = firmwareTree();
    tree.write('Cargo.toml', '[workspace]\nmembers = []\nexclude = ["firmware"]\n');
    await adopt(tree);
    expect(read(tree, 'Cargo.toml')).toBe('[workspace]\nmembers = []\nexclude = ["firmware"]\n');
  });

  it('leaves a crate with its own [workspace] standalone', async () => {
    const tree = firmwareTree(
      'firmware/app',
      FIRMWARE_CONFIG,
      `${FIRMWARE_MANIFEST}\n[workspace]\n`,
    );
    tree.write('Cargo.toml', '[workspace]\nmembers = []\n');
    await adopt(tree);
    expect(read(tree, 'Cargo.toml')).toBe('[workspace]\nmembers = []\n');
  });

  it('adds cfg(minicov) to the root [workspace.lints.rust] for a crate with [lints] workspace = true', async () => {
    const tree = firmwareTree(
      'firmware/app',
      FIRMWARE_CONFIG,
      `${FIRMWARE_MANIFEST}\n[lints]\nworkspace = true\n`,
    );
    tree.write(
      'Cargo.toml',
      '[workspace]\nmembers = ["firmware/*"]\n\n[workspace.lints.rust]\nunsafe_code = "deny"\n',
    );
    await adopt(tree);
    expect(read(tree, 'Cargo.toml')).toBe(
      '[workspace]\nmembers = ["firmware/*"]\n\n[workspace.lints.rust]\nunsafe_code = "deny"\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg(minicov)"] }\n',
    );
    expect(manifest(tree, 'firmware/app/Cargo.toml').lints).toEqual({ workspace: true });
  });

  it('stops when the root Cargo.toml is a package without [workspace], writing nothing', async () => {
    const tree = firmwareTree();
    tree.write('Cargo.toml', '[package]\nname = "root"\n');
    const before = snapshot(tree);
    const error = await failure(adopt(tree));
    expect(error.message).toContain(
      'Cargo.toml at the workspace root is a package, not a [workspace]',
    );
    expect(error.message).toContain('members = ["firmware/app"]');
    expect(snapshot(tree)).toEqual(before);
  });
});

describe('setup generator: a crate it cannot settle writes nothing', () => {
  const rejects = async (
    tree: Tree,
    options: Partial<SetupGeneratorSchema>,
    ...messages: string[]
  ) => {
    const before = snapshot(tree);
    const error = await failure(adopt(tree, options));
    for (const message of messages) expect(error.message).toContain(message);
    expect(error.message).toContain('nothing was written');
    expect(snapshot(tree)).toEqual(before);
  };

  it('a crate with no target and no runner line: lists the choices', () =>
    rejects(
      firmwareTree('firmware/app', '# nothing here\n'),
      {},
      'app (firmware/app): no target: neither --target nor build.target in its .cargo/config.toml names one',
      '--target=host for a program that runs on the build machine',
      '--target=<triple> --machine=<name>',
      '--target=thumbv7m-none-eabi with --machine=lm3s6965evb (Cortex-M3) or lm3s811evb (Cortex-M3) or mps2-an385 (Cortex-M3)',
      '--target=thumbv7em-none-eabihf with --machine=mps2-an386 (Cortex-M4F)',
    ));

  it('an unsupported target from the config: names the file and the supported targets', () =>
    rejects(
      firmwareTree('firmware/app', '[build]\ntarget = "riscv32imac-unknown-none-elf"\n'),
      {},
      'app (firmware/app): target riscv32imac-unknown-none-elf (from build.target in firmware/app/.cargo/config.toml) is not supported',
      'minicov setup supports --target=host, thumbv7m-none-eabi, thumbv7em-none-eabihf',
    ));

  it('a typo in --target: names --target', () =>
    rejects(
      firmwareTree(),
      { target: 'thumbv7m-none-eab' },
      'target thumbv7m-none-eab (from --target) is not supported',
    ));

  it('a runner line that is not QEMU and no --machine: lists the machines', () =>
    rejects(
      firmwareTree(
        'firmware/app',
        FIRMWARE_CONFIG.replace(/runner = ".*"/, 'runner = "probe-rs run --chip LM3S6965"'),
      ),
      {},
      'app (firmware/app): no QEMU machine for thumbv7m-none-eabi: its runner `probe-rs run --chip LM3S6965` (firmware/app/.cargo/config.toml) is not QEMU',
      'pass --machine=<name> with one of: lm3s6965evb (Cortex-M3, thumbv7m-none-eabi), lm3s811evb (Cortex-M3, thumbv7m-none-eabi), mps2-an385 (Cortex-M3, thumbv7m-none-eabi) (e.g. --machine=lm3s6965evb)',
    ));

  it('an unknown machine: lists the machines of the target', () =>
    rejects(
      firmwareTree(),
      { machine: 'netduino2' },
      'QEMU machine netduino2 (from --machine) is not one minicov supports',
      'for thumbv7m-none-eabi pass --machine=<name> with one of: lm3s6965evb',
    ));

  it('--project that is not a crate', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = snapshot(tree);
    const error = await failure(
      setupWorkspace(tree, { skipFormat: true, project: 'crates/none' }, chosen),
    );
    expect(error.message).toContain('--project crates/none: there is no crates/none/Cargo.toml');
    expect(snapshot(tree)).toEqual(before);
  });
});
