//! Build script of the fw firmware: compiles the C module with clang-22 (with
//! the instrumentation flags in MINICOV_CFLAGS) and hands the linker script to the
//! final link.

mod c_module;
mod link;

use std::env;
use std::path::PathBuf;
use std::process::exit;

fn var(name: &str) -> Result<String, String> {
    env::var(name).map_err(|_| format!("cargo did not set {name}"))
}

fn build() -> Result<(), String> {
    let manifest_dir = PathBuf::from(var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(var("OUT_DIR")?);
    let target = var("TARGET")?;
    c_module::build(&c_module::CModule { source_dir: &manifest_dir.join("c"), out_dir: &out_dir, target: &target })?;
    link::emit_link_args(&manifest_dir.join("link"))?;
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-env-changed=FW_PROFILE_PATH");
    Ok(())
}

fn main() {
    if let Err(message) = build() {
        eprintln!("error: fw build script: {message}");
        exit(1);
    }
}
