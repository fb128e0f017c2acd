//! Linker arguments of the firmware binary: the memory map and the section
//! layout, by absolute path.

use std::path::Path;

const MEMORY_MAP: &str = "lm3s6965evb-memory.ld";
const LAYOUT: &str = "fw.ld";

/// Passes the memory map and then the layout script as `-T` arguments, and
/// `--gc-sections`, which rustc leaves out of instrumented links.
pub fn emit_link_args(link_dir: &Path) -> Result<(), String> {
    for name in [MEMORY_MAP, LAYOUT] {
        let script = link_dir.join(name);
        if !script.is_file() {
            return Err(format!("linker script {} is missing", script.display()));
        }
        let script = script.to_str().ok_or_else(|| format!("linker script path {} is not UTF-8", script.display()))?;
        println!("cargo:rerun-if-changed={script}");
        println!("cargo:rustc-link-arg-bins=-T{script}");
    }
    println!("cargo:rustc-link-arg-bins=--gc-sections");
    Ok(())
}
