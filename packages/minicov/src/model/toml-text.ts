// The one TOML parser minicov reads Cargo.toml, .cargo/config.toml and rust-toolchain.toml with: a syntax error
// names the file, the line and the column.
import { parse as parseToml, TomlError } from 'smol-toml';
import { ManifestError } from './manifest-error';

/** Parses `text`, the contents of `file`; a syntax error throws a ManifestError with its place and `fix`. */
export function parseTomlText(
  file: string,
  text: string,
  fix = 'fix the TOML syntax there',
): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ManifestError(tomlSyntaxMessage(file, error), fix);
  }
}

/** `<file>:<line>:<column>: not valid TOML (<reason>)` for the parser's `error`. */
export function tomlSyntaxMessage(file: string, error: unknown): string {
  const reason = String((error as Error).message ?? error)
    .split('\n')[0]
    ?.replace(/^Invalid TOML document: /, '');
  const place = error instanceof TomlError ? `:${error.line}:${error.column}` : '';
  return `${file}${place}: not valid TOML (${reason})`;
}
