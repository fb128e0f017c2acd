//! minicov's linker fragment, copied beside the runtime library so that a link
//! can name it with `-Tminicov-profile-sections.x` (the plugin adds that to the
//! instrumented links of crates with `link-fragment = true`).

use std::fs;
use std::path::Path;

/// The fragment's file name, as links name it.
const FRAGMENT: &str = "minicov-profile-sections.x";

/// Copies `link/minicov-profile-sections.x` into `out_dir`, which is on the link search path.
pub fn install(manifest_dir: &Path, out_dir: &Path) -> Result<(), String> {
    let source = manifest_dir.join("link").join(FRAGMENT);
    println!("cargo:rerun-if-changed={}", source.display());
    fs::copy(&source, out_dir.join(FRAGMENT))
        .map(|_| ())
        .map_err(|e| format!("cannot copy the linker fragment {}: {e}", source.display()))
}
