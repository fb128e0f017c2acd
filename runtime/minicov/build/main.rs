//! Builds the bundled C profiling runtime for the crate's target with a clang
//! on the same LLVM major as rustc, writing the raw profile version that LLVM
//! major reads. Any mismatch stops the build with a message that says the fix.

mod clang;
mod compile;
mod link_fragment;
mod llvm_version;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

fn var(name: &str) -> Result<String, String> {
    env::var(name).map_err(|_| format!("cargo did not set {name}"))
}

fn rustc_verbose_version() -> Result<String, String> {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc).arg("-vV").output().map_err(|e| format!("cannot run `{rustc} -vV`: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn pool_bytes() -> Result<u64, String> {
    println!("cargo:rerun-if-env-changed=MINICOV_VALUE_POOL_BYTES");
    match env::var("MINICOV_VALUE_POOL_BYTES") {
        Err(_) => Ok(2048),
        Ok(text) => text
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= 64 && *n <= 1 << 24)
            .ok_or_else(|| format!("MINICOV_VALUE_POOL_BYTES={text:?} is not a byte count between 64 and 16777216")),
    }
}

fn source_dir(manifest_dir: &Path) -> PathBuf {
    // Inside this repository and the npm package the C sources sit beside the
    // crate; a packaged crate carries its own copy in `c/`.
    let beside = manifest_dir.join("../c");
    if beside.join("src").is_dir() {
        beside
    } else {
        manifest_dir.join("c")
    }
}

fn build() -> Result<(), String> {
    let target = var("TARGET")?;
    let out_dir = PathBuf::from(var("OUT_DIR")?);
    let manifest_dir = PathBuf::from(var("CARGO_MANIFEST_DIR")?);
    let major = llvm_version::llvm_major_from_rustc(&rustc_verbose_version()?)?;
    let raw_version = llvm_version::raw_version_for(major)?;
    let clang = clang::find(&target, major)?;
    let source_dir = source_dir(&manifest_dir);
    compile::build_runtime(&compile::RuntimeBuild {
        clang: &clang,
        target: &target,
        raw_version,
        pool_bytes: pool_bytes()?,
        source_dir: &source_dir,
        out_dir: &out_dir,
    })?;
    link_fragment::install(&manifest_dir, &out_dir)?;
    println!("cargo:rustc-link-search=native={}", out_dir.display());
    println!("cargo:rustc-link-lib=static=minicov_rt");
    println!("cargo:rustc-env=MINICOV_RAW_VERSION={raw_version}");
    println!("cargo:rustc-env=MINICOV_LLVM_MAJOR={major}");
    println!("cargo:raw_version={raw_version}");
    println!("cargo:llvm_major={major}");
    println!("cargo:rerun-if-changed=build");
    Ok(())
}

fn main() {
    if let Err(message) = build() {
        eprintln!("error: minicov: {message}");
        exit(1);
    }
}
