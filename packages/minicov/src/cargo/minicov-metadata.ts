// Reads a crate's Cargo.toml: the TOML parsed here, its `[package.metadata.minicov]` checked by the model.
import { parse as parseToml } from 'smol-toml';
import type { MinicovCrate } from '../model/crate-settings';
import { minicovCrateOf } from '../model/crate-table';
import { ManifestError } from '../model/manifest-error';

/** Parses a Cargo.toml; a syntax error names the manifest. */
export function parseCargoManifest(manifestPath: string, text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ManifestError(
      `${manifestPath}: not valid TOML (${(error as Error).message.split('\n')[0]})`,
      'fix the TOML syntax',
    );
  }
}

/** The crate's settings, or undefined when the manifest does not opt in (no package.metadata.minicov). */
export function readMinicovCrate(manifestPath: string, text: string): MinicovCrate | undefined {
  return minicovCrateOf(manifestPath, parseCargoManifest(manifestPath, text));
}
