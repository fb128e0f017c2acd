//! With the `with-c` feature, compiles c/workload.c with REFERENCE_CC and the
//! instrumentation flags in REFERENCE_C_FLAGS (space-separated).

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=REFERENCE_CC");
    println!("cargo:rerun-if-env-changed=REFERENCE_C_FLAGS");
    if env::var_os("CARGO_FEATURE_WITH_C").is_none() {
        return;
    }
    let source = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../c/workload.c");
    println!("cargo:rerun-if-changed={}", source.display());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let cc = env::var("REFERENCE_CC").unwrap_or_else(|_| "clang-22".into());
    let flags = env::var("REFERENCE_C_FLAGS").unwrap_or_default();
    let object = out.join("workload_c.o");
    let status = Command::new(&cc)
        .args(flags.split_whitespace())
        .args(["-O1", "-fPIC", "-c"])
        .arg(&source)
        .arg("-o")
        .arg(&object)
        .status()
        .expect("run the C compiler");
    assert!(status.success(), "{cc} failed on {}", source.display());
    let archive = out.join("libworkload_c.a");
    let _ = std::fs::remove_file(&archive);
    let ar = Command::new("llvm-ar-22").arg("crs").arg(&archive).arg(&object).status().expect("run llvm-ar-22");
    assert!(ar.success());
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=workload_c");
}
