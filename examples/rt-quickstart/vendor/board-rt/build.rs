//! Puts `link.x` where the linker looks for it: this crate's OUT_DIR, added to the search path.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("link.x"), include_bytes!("link.x.in")).expect("cannot write link.x into OUT_DIR");
    println!("cargo:rustc-link-search={}", out_dir.display());
    println!("cargo:rerun-if-changed=link.x.in");
    println!("cargo:rerun-if-changed=build.rs");
}
