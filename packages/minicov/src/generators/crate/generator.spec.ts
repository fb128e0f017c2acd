import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { addProjectConfiguration, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../../../tools/testing/tree-snapshot';
import { MinicovError } from '../../errors';
import { runtimeCrateDirectory } from '../setup/runtime-location';
import crateGenerator from './generator';
import type { CrateGeneratorSchema } from './schema';

type Manifest = {
  package: { name: string; metadata: { minicov: Record<string, unknown> } };
  bin?: { name: string; path: string; test: boolean }[];
  dependencies?: Record<string, { path: string; 'default-features': boolean }>;
  workspace?: { members: string[] };
  lints?: { rust: { unexpected_cfgs: unknown } };
};

const CHECK_CFG = { rust: { unexpected_cfgs: { level: 'warn', 'check-cfg': ['cfg(minicov)'] } } };
/** Firmware may also be built for the gdb runner, which leaves its capture out. */
const FIRMWARE_CHECK_CFG = {
  rust: { unexpected_cfgs: { level: 'warn', 'check-cfg': ['cfg(minicov)', 'cfg(minicov_gdb)'] } },
};

/** The files under `directory`, relative to it, sorted. */
function filesUnder(tree: Tree, directory: string): string[] {
  return Object.keys(snapshot(tree))
    .filter((path) => path.startsWith(`${directory}/`))
    .map((path) => path.slice(directory.length + 1))
    .sort();
}

const read = (tree: Tree, path: string): string => tree.read(path, 'utf-8') ?? '';
const manifest = (tree: Tree, path: string): Manifest =>
  parseToml(read(tree, path)) as unknown as Manifest;

/** An empty workspace that setup registered the plugin in (the crate generator needs it). */
function setUpWorkspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  updateNxJson(tree, {
    ...readNxJson(tree),
    plugins: [{ plugin: 'minicov', options: { llvmMajor: 22 } }],
  });
  return tree;
}

async function generate(options: CrateGeneratorSchema, tree = setUpWorkspace()): Promise<Tree> {
  await crateGenerator(tree, { skipFormat: true, ...options });
  return tree;
}

describe('crate generator: firmware', () => {
  it('writes Cortex-M3 firmware for lm3s6965evb by default, with the runtime dependency and the qemu settings', async () => {
    const tree = await generate({ name: 'sensor-fw' });
    expect(filesUnder(tree, 'crates/sensor-fw')).toEqual([
      'Cargo.toml',
      'README.md',
      'build.rs',
      'link.ld',
      'src/main.rs',
    ]);
    const cargo = manifest(tree, 'crates/sensor-fw/Cargo.toml');
    expect(cargo.package.name).toBe('sensor-fw');
    expect(cargo.bin).toEqual([
      { name: 'sensor-fw', path: 'src/main.rs', test: false, bench: false },
    ]);
    expect(cargo.package.metadata.minicov).toEqual({
      target: 'thumbv7m-none-eabi',
      runner: 'qemu',
      machine: 'lm3s6965evb',
      timeout: 60,
      'c-modules': false,
    });
    const dependency = cargo.dependencies?.minicov;
    expect(dependency).toEqual({ path: expect.any(String), 'default-features': false });
    expect(resolve(tree.root, 'crates/sensor-fw', dependency?.path ?? '')).toBe(
      resolve(tree.root, runtimeCrateDirectory(tree.root)),
    );
    expect(
      existsSync(resolve(tree.root, 'crates/sensor-fw', dependency?.path ?? '', 'Cargo.toml')),
    ).toBe(true);
    expect(manifest(tree, 'Cargo.toml').workspace?.members).toEqual(['crates/sensor-fw']);
    expect(cargo.lints).toEqual(FIRMWARE_CHECK_CFG);
  });

  it('writes the profile only in minicov builds not run under the gdb runner, in a function called in every build, after minicov_stop', async () => {
    const main = read(await generate({ name: 'sensor-fw' }), 'crates/sensor-fw/src/main.rs');
    expect(main).toContain('    minicov_stop();\n    write_profile();\n    exit(0)\n}');
    expect(main).toContain('#[no_mangle]\n#[inline(never)]\npub extern "C" fn minicov_stop() {');
    const captured = '#[cfg(all(minicov, not(minicov_gdb)))]';
    expect(main).toContain(
      `#[inline(never)]\nfn write_profile() {\n    // Under minicov's gdb runner (\`minicov_gdb\`) the debugger reads the counters: no capture, no writer.\n    ${captured}\n    if capture_to_host().is_err() {\n        exit(EXIT_PROFILE_NOT_WRITTEN);\n    }\n}`,
    );
    expect(main).toContain(`${captured}\nfn capture_to_host()`);
    expect(main).toContain(`${captured}\nconst EXIT_PROFILE_NOT_WRITTEN`);
    expect(main).toContain('use minicov::semihosting::exit;\n');
  });

  it('writes the machine memory map, the profile sections and a firmware that saves its profile', async () => {
    const tree = await generate({ name: 'sensor-fw' });
    const link = read(tree, 'crates/sensor-fw/link.ld');
    expect(link).toContain('FLASH (rx)  : ORIGIN = 0x00000000, LENGTH = 256K');
    expect(link).toContain('RAM   (rwx) : ORIGIN = 0x20000000, LENGTH = 64K');
    for (const section of [
      '__llvm_prf_data',
      '__llvm_prf_names',
      '__llvm_prf_cnts',
      '__llvm_prf_bits',
    ]) {
      expect(link).toContain(`__start_${section} = .;`);
      expect(link).toContain(`KEEP(*(${section}));`);
    }
    expect(link).toMatch(/\/DISCARD\/ :\s*\{\s*\*\(__llvm_prf_vnds\);/);
    const main = read(tree, 'crates/sensor-fw/src/main.rs');
    expect(main).toContain('SemihostingFile::create(c"sensor-fw.profraw")');
    expect(main).toContain('#![no_std]');
    expect(main).not.toContain('CPACR');
    expect(main).not.toContain('extern "C" {');
    expect(read(tree, 'crates/sensor-fw/build.rs')).not.toContain('MINICOV_CFLAGS');
  });

  it('writes Cortex-M4F firmware for mps2-an386 with --target thumbv7em-none-eabihf, enabling the FPU at reset', async () => {
    const tree = await generate({ name: 'm4', target: 'thumbv7em-none-eabihf' });
    expect(manifest(tree, 'crates/m4/Cargo.toml').package.metadata.minicov).toMatchObject({
      target: 'thumbv7em-none-eabihf',
      machine: 'mps2-an386',
    });
    expect(read(tree, 'crates/m4/link.ld')).toContain(
      'RAM   (rwx) : ORIGIN = 0x20000000, LENGTH = 4M',
    );
    expect(read(tree, 'crates/m4/src/main.rs')).toContain('CPACR');
  });

  it('takes the target from --machine: mps2-an385 is thumbv7m, mps2-an386 thumbv7em', async () => {
    const an385 = await generate({ name: 'a', machine: 'mps2-an385' });
    expect(manifest(an385, 'crates/a/Cargo.toml').package.metadata.minicov).toMatchObject({
      target: 'thumbv7m-none-eabi',
      machine: 'mps2-an385',
    });
    expect(read(an385, 'crates/a/link.ld')).toContain(
      'FLASH (rx)  : ORIGIN = 0x00000000, LENGTH = 4M',
    );
    const an386 = await generate({ name: 'b', kind: 'firmware', machine: 'mps2-an386' });
    expect(manifest(an386, 'crates/b/Cargo.toml').package.metadata.minicov).toMatchObject({
      target: 'thumbv7em-none-eabihf',
      machine: 'mps2-an386',
    });
  });

  it('adds a C module compiled by build.rs with --withC', async () => {
    const tree = await generate({ name: 'sensor-fw', withC: true });
    expect(filesUnder(tree, 'crates/sensor-fw')).toEqual([
      'Cargo.toml',
      'README.md',
      'build.rs',
      'c/sensor_fw_c.c',
      'link.ld',
      'src/main.rs',
    ]);
    expect(
      manifest(tree, 'crates/sensor-fw/Cargo.toml').package.metadata.minicov['c-modules'],
    ).toBe(true);
    expect(read(tree, 'crates/sensor-fw/c/sensor_fw_c.c')).toContain(
      'uint16_t sensor_fw_c_crc16(const uint8_t *data, size_t len)',
    );
    expect(read(tree, 'crates/sensor-fw/src/main.rs')).toContain(
      'unsafe { sensor_fw_c_crc16(input.as_ptr(), input.len()) }',
    );
    const build = read(tree, 'crates/sensor-fw/build.rs');
    for (const fragment of [
      'tool("CC", "clang-22")',
      'tool("AR", "llvm-ar-22")',
      'rerun-if-env-changed=MINICOV_CFLAGS',
      "split('\\x1f')",
      '"-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"',
      'rustc-link-lib=static=sensor_fw_c',
    ]) {
      expect(build).toContain(fragment);
    }
  });
});

describe('crate generator: lib', () => {
  it('writes a host library covered by its unit tests with --target host', async () => {
    const tree = await generate({ name: 'parsing', target: 'host' });
    expect(filesUnder(tree, 'crates/parsing')).toEqual(['Cargo.toml', 'README.md', 'src/lib.rs']);
    const cargo = manifest(tree, 'crates/parsing/Cargo.toml');
    expect(cargo.package.metadata.minicov).toEqual({
      runner: 'test',
      timeout: 60,
      'c-modules': false,
    });
    expect(cargo.dependencies).toBeUndefined();
    expect(cargo.lints).toEqual(CHECK_CFG);
    const lib = read(tree, 'crates/parsing/src/lib.rs');
    expect(lib).toContain('#![cfg_attr(not(test), no_std)]');
    expect(lib).toContain('#[cfg(test)]\nmod tests {');
    expect(lib).not.toContain('extern "C"');
  });

  it('compiles the C module for the host in build.rs with --kind lib --withC', async () => {
    const tree = await generate({ name: 'parsing', kind: 'lib', withC: true });
    expect(filesUnder(tree, 'crates/parsing')).toEqual([
      'Cargo.toml',
      'README.md',
      'build.rs',
      'c/parsing_c.c',
      'src/lib.rs',
    ]);
    expect(manifest(tree, 'crates/parsing/Cargo.toml').package.metadata.minicov['c-modules']).toBe(
      true,
    );
    expect(read(tree, 'crates/parsing/build.rs')).toContain('"-fPIC"');
    expect(read(tree, 'crates/parsing/src/lib.rs')).toContain(
      'fn c_module_computes_the_crc16_check_value()',
    );
  });
});

describe('crate generator: workspace', () => {
  it('leaves no template syntax in any file it writes', async () => {
    for (const options of [
      { name: 'f', withC: true },
      { name: 'f', target: 'thumbv7em-none-eabihf' },
      { name: 'l', kind: 'lib' as const, withC: true },
    ]) {
      const tree = await generate(options);
      for (const [path, text] of Object.entries(snapshot(tree))) {
        expect(path).not.toContain('__');
        expect(text, path).not.toMatch(/<%|%>/);
      }
    }
  });

  it('adds to an existing Cargo workspace, keeping it, and lists each crate once', async () => {
    const tree = setUpWorkspace();
    tree.write(
      'Cargo.toml',
      '[workspace]\nresolver = "2"\nmembers = ["crates/b"]\n\n[profile.release]\npanic = "abort"\n',
    );
    await generate({ name: 'a', directory: 'firmware/a/' }, tree);
    await generate({ name: 'b', kind: 'lib' }, tree);
    const root = parseToml(read(tree, 'Cargo.toml')) as {
      workspace: { members: string[]; resolver: string };
      profile: unknown;
    };
    expect(root.workspace).toEqual({ resolver: '2', members: ['crates/b', 'firmware/a'] });
    expect(root.profile).toEqual({ release: { panic: 'abort' } });
    expect(manifest(tree, 'firmware/a/Cargo.toml').dependencies?.minicov?.path).toBe(
      `../../${runtimeCrateDirectory(tree.root)}`,
    );
  });

  it("depends on the workspace's own runtime crate when a member is named minicov, never on a second copy", async () => {
    const tree = setUpWorkspace();
    tree.write('Cargo.toml', '[workspace]\nmembers = ["vendor/minicov-runtime"]\n');
    tree.write(
      'vendor/minicov-runtime/Cargo.toml',
      '[package]\nname = "minicov"\nversion = "0.4.0"\nlinks = "minicov"\n',
    );
    await generate({ name: 'board' }, tree);
    expect(manifest(tree, 'crates/board/Cargo.toml').dependencies?.minicov?.path).toBe(
      '../../vendor/minicov-runtime',
    );
  });

  it('adds no member that a members glob already covers', async () => {
    const tree = setUpWorkspace();
    tree.write('Cargo.toml', '[workspace]\nmembers = ["crates/*"] # all of them\n');
    await generate({ name: 'a' }, tree);
    expect(read(tree, 'Cargo.toml')).toBe('[workspace]\nmembers = ["crates/*"] # all of them\n');
  });

  it('formats without failing when --skipFormat is not given', async () => {
    const tree = setUpWorkspace();
    await crateGenerator(tree, { name: 'fmt' });
    expect(tree.exists('crates/fmt/src/main.rs')).toBe(true);
  });
});

describe('crate generator: bad input writes nothing', () => {
  const cases: [string, CrateGeneratorSchema, string, (tree: Tree) => void][] = [
    [
      'a crate already in the directory',
      { name: 'taken' },
      'crates/taken/Cargo.toml already exists',
      (tree) => tree.write('crates/taken/Cargo.toml', '[package]\nname = "other"\n'),
    ],
    [
      'a non-empty directory',
      { name: 'busy' },
      'crates/busy already exists and is not empty',
      (tree) => tree.write('crates/busy/notes.txt', 'x'),
    ],
    [
      'an Nx project of that name',
      { name: 'app' },
      'an Nx project named "app" already exists (at apps/app)',
      (tree) => addProjectConfiguration(tree, 'app', { root: 'apps/app' }),
    ],
    [
      'a Cargo member of that name',
      { name: 'dup' },
      'the Cargo workspace already has a package named "dup" (in libs/x)',
      (tree) => {
        tree.write('Cargo.toml', '[workspace]\nmembers = ["libs/*"]\n');
        tree.write('libs/x/Cargo.toml', '[package]\nname = "dup"\n');
      },
    ],
    [
      'a root Cargo.toml that is a package',
      { name: 'fw' },
      'Cargo.toml at the workspace root is a package, not a [workspace]',
      (tree) => tree.write('Cargo.toml', '[package]\nname = "root"\n'),
    ],
    [
      'a name starting with a digit',
      { name: '1fw' },
      '--name "1fw" is not a valid Cargo package name',
      () => {},
    ],
    [
      'a name with a dot',
      { name: 'fw.v2' },
      '--name "fw.v2" is not a valid Cargo package name',
      () => {},
    ],
    ['a Rust keyword', { name: 'match' }, '--name "match" is a Rust keyword', () => {}],
    ['a reserved name', { name: 'core' }, '--name "core" would shadow the crate `core`', () => {}],
    ['"test"', { name: 'test' }, '--name "test" would shadow', () => {}],
    ['no name', { name: '' }, '--name is missing', () => {}],
    [
      'a directory outside the workspace',
      { name: 'out', directory: '../out' },
      '--directory ../out is not a directory inside the workspace',
      () => {},
    ],
    [
      'thumbv6m',
      { name: 'm0', target: 'thumbv6m-none-eabi' },
      '--target thumbv6m-none-eabi is not supported by the crate generator yet',
      () => {},
    ],
    [
      'an unknown target',
      { name: 'rv', target: 'riscv32imac-unknown-none-elf' },
      'use one of: host, thumbv7m-none-eabi, thumbv7em-none-eabihf',
      () => {},
    ],
    [
      'an unknown machine',
      { name: 'n', machine: 'netduino2' },
      '--machine netduino2 is not a QEMU machine the crate generator supports',
      () => {},
    ],
    [
      'thumbv7m on mps2-an386',
      { name: 'x', target: 'thumbv7m-none-eabi', machine: 'mps2-an386' },
      '--machine mps2-an386 (Cortex-M4F) runs thumbv7em-none-eabihf, not --target thumbv7m-none-eabi',
      () => {},
    ],
    [
      'thumbv7em on lm3s6965evb',
      { name: 'x', target: 'thumbv7em-none-eabihf', machine: 'lm3s6965evb' },
      'for --target thumbv7em-none-eabihf use --machine with one of: mps2-an386',
      () => {},
    ],
    [
      'a machine for a host lib',
      { name: 'x', kind: 'lib', machine: 'lm3s6965evb' },
      '--machine lm3s6965evb with a host lib',
      () => {},
    ],
    [
      'a lib for an embedded target',
      { name: 'x', kind: 'lib', target: 'thumbv7m-none-eabi' },
      '--kind lib with --target thumbv7m-none-eabi',
      () => {},
    ],
    [
      'firmware for the host',
      { name: 'x', kind: 'firmware', target: 'host' },
      '--kind firmware with --target host',
      () => {},
    ],
    [
      'a workspace not set up yet',
      { name: 'early' },
      "nx.json does not register the minicov plugin yet, so nx would not see early's targets",
      (tree) => updateNxJson(tree, { ...readNxJson(tree), plugins: [] }),
    ],
  ];

  it.each(cases)('rejects %s', async (_, options, message, prepare) => {
    const tree = setUpWorkspace();
    prepare(tree);
    const before = snapshot(tree);
    const error = await crateGenerator(tree, { skipFormat: true, ...options }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MinicovError);
    expect((error as MinicovError).message).toContain(message);
    expect((error as MinicovError).fix).toContain('nothing was written');
    expect(snapshot(tree)).toEqual(before);
  });

  it('rejects the same crate a second time, leaving the first one as it was', async () => {
    const tree = await generate({ name: 'again', withC: true });
    const first = snapshot(tree);
    await expect(generate({ name: 'again' }, tree)).rejects.toThrow(
      'crates/again/Cargo.toml already exists',
    );
    expect(snapshot(tree)).toEqual(first);
  });
});
