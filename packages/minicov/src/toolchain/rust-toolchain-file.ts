// Reads the Rust toolchain pin (rust-toolchain.toml) that rustup honours for a directory.
import { tomlSyntaxMessage } from '../model/toml-text';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../errors';

/** The toolchain a rust-toolchain(.toml) file pins: a rustup channel or a system toolchain path. */
export interface RustToolchainPin {
  file: string;
  channel?: string;
  path?: string;
}

/** A rust-toolchain file that cannot be used as written. */
export class RustToolchainFileError extends MinicovError {}

const FILE_NAMES = ['rust-toolchain.toml', 'rust-toolchain'];

/** The nearest rust-toolchain file at or above `directory`, as rustup finds it; undefined if none. */
export function findRustToolchainFile(directory: string): string | undefined {
  let current = directory;
  for (;;) {
    for (const name of FILE_NAMES) {
      const candidate = join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Parses a rust-toolchain file's text; `file` is only used in messages. */
export function parseRustToolchainFile(file: string, text: string): RustToolchainPin {
  const trimmed = text.trim();
  // The legacy one-line form holds just a channel name.
  if (!trimmed.includes('[') && !trimmed.includes('=') && /^[\w.+-]+$/.test(trimmed)) {
    return { file, channel: trimmed };
  }
  let table: Record<string, unknown>;
  try {
    table = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new RustToolchainFileError(
      tomlSyntaxMessage(file, error),
      'fix the file; it needs a [toolchain] table with `channel = "..."` or `path = "..."`',
    );
  }
  const toolchain = table.toolchain;
  if (typeof toolchain !== 'object' || toolchain === null) {
    throw new RustToolchainFileError(
      `${file}: has no [toolchain] table`,
      'add `[toolchain]` with `channel = "stable"` (rustup) or `path = "/usr"` (a system toolchain)',
    );
  }
  const { channel, path } = toolchain as Record<string, unknown>;
  if (channel !== undefined && typeof channel !== 'string') {
    throw new RustToolchainFileError(
      `${file}: toolchain.channel must be a string`,
      'write e.g. `channel = "stable"`',
    );
  }
  if (path !== undefined && typeof path !== 'string') {
    throw new RustToolchainFileError(
      `${file}: toolchain.path must be a string`,
      'write e.g. `path = "/usr"`',
    );
  }
  if (channel !== undefined && path !== undefined) {
    throw new RustToolchainFileError(
      `${file}: sets both toolchain.channel and toolchain.path`,
      'keep one: `channel` for a rustup toolchain, `path` for a system toolchain',
    );
  }
  if (channel === undefined && path === undefined) {
    throw new RustToolchainFileError(
      `${file}: [toolchain] names neither a channel nor a path`,
      'add `channel = "stable"` (rustup) or `path = "/usr"` (a system toolchain such as Debian rustc-web)',
    );
  }
  return { file, channel, path };
}

/** The pin that applies to `directory`, or undefined when no rust-toolchain file is above it. */
export function readRustToolchainPin(directory: string): RustToolchainPin | undefined {
  const file = findRustToolchainFile(directory);
  return file ? parseRustToolchainFile(file, readFileSync(file, 'utf8')) : undefined;
}
