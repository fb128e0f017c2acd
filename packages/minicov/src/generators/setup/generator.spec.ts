import { readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { failure } from '../../../../../tools/testing/failure';
import { snapshot } from '../../../../../tools/testing/tree-snapshot';
import type { ToolchainChoice, RustCandidate } from '../../toolchain/choose-toolchain';
import { setupWorkspace } from './generator';

const HOST = 'x86_64-unknown-linux-gnu';
const debian: RustCandidate = { label: 'system /usr', pin: { path: '/usr' }, release: '1.96.0', channel: 'stable', sysroot: '/usr', llvmMajor: 22, host: HOST, hasRustSrc: true, prebuiltTargets: [HOST] };
const chosen = async (): Promise<ToolchainChoice> => ({
  chosen: { rust: debian, llvm: { major: 22, clang: '/usr/bin/clang-22', llvmProfdata: '/usr/bin/llvm-profdata-22', llvmCov: '/usr/bin/llvm-cov-22' } },
  rejected: [{ candidate: 'rustup stable: rustc 1.95.0 (LLVM 22)', reason: 'cannot build for thumbv7m-none-eabi: no rust-src' }],
});
const nothing = async (): Promise<ToolchainChoice> => ({ rejected: [{ candidate: 'rustup stable: rustc 1.95.0 (LLVM 22)', reason: 'no clang-22 on this machine' }] });

describe('setup generator', () => {
  it('registers the plugin with the LLVM pin, pins the toolchain, configures offline build-std and a Cargo workspace', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(readNxJson(tree)?.plugins).toContainEqual({ plugin: 'minicov', options: { llvmMajor: 22 } });
    expect(parseToml(tree.read('rust-toolchain.toml', 'utf-8') ?? '')).toEqual({ toolchain: { path: '/usr' } });
    expect(parseToml(tree.read('.cargo/config.toml', 'utf-8') ?? '')).toEqual({
      source: { 'crates-io': { 'replace-with': 'rust-library-vendor' }, 'rust-library-vendor': { directory: '/usr/lib/rustlib/src/rust/library/vendor' } },
    });
    expect(parseToml(tree.read('Cargo.toml', 'utf-8') ?? '')).toMatchObject({ workspace: { members: [] }, profile: { release: { panic: 'abort' } } });
    expect(tree.read('.gitignore', 'utf-8')).toContain('coverage/');
  });

  it('changes nothing when run a second time', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await setupWorkspace(tree, { skipFormat: true }, chosen);
    const first = snapshot(tree);
    await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(snapshot(tree)).toEqual(first);
  });

  it('keeps an existing rust-toolchain.toml and says so', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('rust-toolchain.toml', '[toolchain]\nchannel = "nightly"\n');
    const result = await setupWorkspace(tree, { skipFormat: true }, chosen);
    expect(tree.read('rust-toolchain.toml', 'utf-8')).toBe('[toolchain]\nchannel = "nightly"\n');
    expect(result.notes.join('\n')).toContain('rust-toolchain.toml already pins another toolchain');
  });

  it('opts an existing crate in: runtime dependency, metadata, and what to add by hand', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('crates/app/Cargo.toml', '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n');
    tree.write('crates/app/src/main.rs', '#![no_std]\n');
    const result = await setupWorkspace(tree, { skipFormat: true, project: 'crates/app' }, chosen);
    const manifest = parseToml(tree.read('crates/app/Cargo.toml', 'utf-8') ?? '') as { dependencies: Record<string, { path: string }>; package: { metadata: unknown } };
    expect(manifest.dependencies.minicov?.path).toMatch(/runtime\/minicov$/);
    expect(manifest.package.metadata).toEqual({ minicov: { runner: 'host' } });
    expect(result.notes.join('\n')).toContain('call minicov::capture_coverage');
  });

  it('rejects an existing rust-toolchain.toml that is not valid TOML, naming it', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('rust-toolchain.toml', '[toolchain\nchannel = "nightly"\n');
    const error = await failure(setupWorkspace(tree, { skipFormat: true }, chosen));
    expect(error.message).toContain('rust-toolchain.toml: not valid TOML (');
    expect(error.message).toContain('fix: fix the file, then run the generator again');
    expect(tree.read('rust-toolchain.toml', 'utf-8')).toBe('[toolchain\nchannel = "nightly"\n');
  });

  it('writes nothing when no toolchain is usable, and names every candidate', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = snapshot(tree);
    const error = await failure(setupWorkspace(tree, { skipFormat: true }, nothing));
    expect(error.message).toContain('no usable toolchain on this machine:\n  rustup stable: rustc 1.95.0 (LLVM 22): no clang-22 on this machine');
    expect(error.message).toContain('nothing was written');
    expect(snapshot(tree)).toEqual(before);
  });

  it('rejects --project that is not a crate, writing nothing', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = snapshot(tree);
    const error = await failure(setupWorkspace(tree, { skipFormat: true, project: 'crates/none' }, chosen));
    expect(error.message).toContain('--project crates/none: there is no crates/none/Cargo.toml');
    expect(snapshot(tree)).toEqual(before);
  });
});
