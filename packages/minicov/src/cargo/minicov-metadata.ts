// Reads a crate's Cargo.toml: the TOML parsed here, its `[package.metadata.minicov]` checked by the model.
import type { MinicovCrate } from '../model/crate-settings';
import { minicovCrateOf } from '../model/crate-table';
import { parseTomlText } from '../model/toml-text';

/** Parses a Cargo.toml; a syntax error names the manifest and the line. */
export function parseCargoManifest(manifestPath: string, text: string): Record<string, unknown> {
  return parseTomlText(manifestPath, text);
}

/** The crate's settings, or undefined when the manifest does not opt in (no package.metadata.minicov). */
export function readMinicovCrate(manifestPath: string, text: string): MinicovCrate | undefined {
  return minicovCrateOf(manifestPath, parseCargoManifest(manifestPath, text));
}
