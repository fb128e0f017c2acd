//! Links the program without libc or C start files, and compiles its C module
//! with the clang on rustc's LLVM major (`CC`, default clang-22) and the
//! instrumentation flags in MINICOV_CFLAGS (separated by 0x1f when minicov sets
//! them, by whitespace when typed by hand; empty for a plain build).

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
    for arg in ["-nostartfiles", "-nostdlib", "-static", "-no-pie"] {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
    println!("cargo:rerun-if-env-changed=MINICOV_CFLAGS");
    println!("cargo:rerun-if-env-changed=CC");
    println!("cargo:rerun-if-env-changed=AR");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let source = manifest.join("c/crc32.c");
    println!("cargo:rerun-if-changed={}", source.display());
    let cc = env::var("CC").unwrap_or_else(|_| "clang-22".to_string());
    let flags = env::var("MINICOV_CFLAGS").unwrap_or_default();
    let object = out.join("crc32.o");
    run(Command::new(&cc)
        .args(split_flags(&flags))
        .args(["-O2", "-ffreestanding", "-fno-builtin", "-nostdlibinc", "-fPIC", "-c"])
        .arg(&source)
        .arg("-o")
        .arg(&object));
    let archive = out.join("libhostc.a");
    let _ = std::fs::remove_file(&archive);
    let ar = env::var("AR").unwrap_or_else(|_| "llvm-ar-22".to_string());
    // Relative names from the output directory: llvm-ar reads a `%` in a path as a placeholder.
    run(Command::new(&ar).current_dir(&out).args(["crs", "libhostc.a", "crc32.o"]));
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=hostc");
}

/// MINICOV_CFLAGS as a list: 0x1f-separated (as minicov sets it) or whitespace-separated.
fn split_flags(flags: &str) -> Vec<&str> {
    if flags.contains('\x1f') {
        flags.split('\x1f').filter(|f| !f.is_empty()).collect()
    } else {
        flags.split_whitespace().collect()
    }
}
