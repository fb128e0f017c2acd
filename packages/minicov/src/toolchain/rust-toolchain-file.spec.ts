import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseRustToolchainFile,
  readRustToolchainPin,
  RustToolchainFileError,
} from './rust-toolchain-file';

describe('rust-toolchain file', () => {
  it('reads a rustup channel and a system toolchain path', () => {
    expect(parseRustToolchainFile('f', '[toolchain]\nchannel = "stable"\n')).toEqual({
      file: 'f',
      channel: 'stable',
    });
    expect(parseRustToolchainFile('f', '[toolchain]\npath = "/usr"\n')).toEqual({
      file: 'f',
      path: '/usr',
    });
    expect(parseRustToolchainFile('f', 'nightly-2026-01-01\n')).toEqual({
      file: 'f',
      channel: 'nightly-2026-01-01',
    });
  });

  it.each([
    ['[toolchain\n', 'f:1:11: not valid TOML (illegal character in key)'],
    ['[other]\nx = 1\n', 'f: has no [toolchain] table'],
    [
      '[toolchain]\ncomponents = ["rust-src"]\n',
      'f: [toolchain] names neither a channel nor a path',
    ],
    [
      '[toolchain]\nchannel = "stable"\npath = "/usr"\n',
      'f: sets both toolchain.channel and toolchain.path',
    ],
    ['[toolchain]\nchannel = 1\n', 'f: toolchain.channel must be a string'],
  ])('rejects %j with a message naming the file', (text, message) => {
    expect(() => parseRustToolchainFile('f', text)).toThrow(RustToolchainFileError);
    expect(() => parseRustToolchainFile('f', text)).toThrow(message);
  });

  it('finds the nearest file at or above a directory, as rustup does', () => {
    const root = mkdtempSync(join(tmpdir(), 'minicov-pin-'));
    const crate = join(root, 'crates', 'a');
    mkdirSync(crate, { recursive: true });
    writeFileSync(join(root, 'rust-toolchain.toml'), '[toolchain]\npath = "/usr"\n');
    expect(readRustToolchainPin(crate)).toEqual({
      file: join(root, 'rust-toolchain.toml'),
      path: '/usr',
    });
    writeFileSync(join(crate, 'rust-toolchain'), 'stable\n');
    expect(readRustToolchainPin(crate)).toEqual({
      file: join(crate, 'rust-toolchain'),
      channel: 'stable',
    });
  });
});
