// Notes for the crates.io source replacements setup finds and keeps (it never writes [source] tables).
import { sourceReplacements, type CargoConfigFile } from './crate-cargo-config';

/** One note per config file whose `[source.crates-io] replace-with` setup left as it is. */
export function sourceReplacementNotes(files: readonly CargoConfigFile[]): string[] {
  return sourceReplacements(files).map(
    (found) =>
      `${found.file}: kept [source.crates-io] replace-with = "${found.value}"; minicov's builds add the toolchain's library sources beside it at build time when they build core`,
  );
}
