//! Links the program without libc or C start files, and compiles its C module
//! with the clang on rustc's LLVM major (`CC`, default clang-22) and the
//! instrumentation flags in MINICOV_CFLAGS (space-separated; empty for a plain build).

use std::env;
use std::path::PathBuf;
use std::process::{exit, Command};

fn run(cmd: &mut Command) {
    let shown = format!("{cmd:?}");
    match cmd.status() {
        Ok(status) if status.success() => {}
        Ok(status) => {
            eprintln!("error: {shown} failed ({status})");
            exit(1);
        }
        Err(e) => {
            eprintln!("error: cannot run {shown}: {e}");
            exit(1);
        }
    }
}

fn main() {
    for arg in ["-nostartfiles", "-nostdlib", "-static"] {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
    println!("cargo:rerun-if-env-changed=MINICOV_CFLAGS");
    println!("cargo:rerun-if-env-changed=CC");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let source = manifest.join("c/crc32.c");
    println!("cargo:rerun-if-changed={}", source.display());
    let cc = env::var("CC").unwrap_or_else(|_| "clang-22".to_string());
    let flags = env::var("MINICOV_CFLAGS").unwrap_or_default();
    let object = out.join("crc32.o");
    run(Command::new(&cc)
        .args(flags.split_whitespace())
        .args(["-O2", "-ffreestanding", "-fno-builtin", "-nostdlibinc", "-fPIC", "-c"])
        .arg(&source)
        .arg("-o")
        .arg(&object));
    let archive = out.join("libhostc.a");
    let _ = std::fs::remove_file(&archive);
    run(Command::new("llvm-ar-22").arg("crs").arg(&archive).arg(&object));
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=hostc");
}
