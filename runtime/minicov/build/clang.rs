//! Choosing the clang that compiles the runtime: it must be on rustc's LLVM major.

use std::env;
use std::process::Command;

use crate::llvm_version::llvm_major_from_clang;

/// A clang that was found and checked.
pub struct Clang {
    pub path: String,
    pub major: u32,
}

/// Environment variables that name a C compiler for `target`, most specific first.
pub fn override_vars(target: &str) -> Vec<String> {
    vec![format!("CC_{target}"), format!("CC_{}", target.replace('-', "_")), "TARGET_CC".to_string(), "CC".to_string()]
}

fn major_of(path: &str) -> Result<u32, String> {
    let out =
        Command::new(path).arg("--version").output().map_err(|e| format!("cannot run `{path} --version`: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    llvm_major_from_clang(&text).ok_or_else(|| {
        format!("`{path} --version` does not look like clang (first line: {:?})", text.lines().next().unwrap_or(""))
    })
}

/// Finds clang for `target` on LLVM `major`: an explicit `CC_<target>`/`CC`
/// must match; otherwise `clang-<major>`, then `clang`, whichever matches.
pub fn find(target: &str, major: u32) -> Result<Clang, String> {
    for var in override_vars(target) {
        println!("cargo:rerun-if-env-changed={var}");
    }
    for var in override_vars(target) {
        let Ok(path) = env::var(&var) else { continue };
        let found = major_of(&path).map_err(|e| format!("{var}={path}: {e}"))?;
        if found != major {
            return Err(format!(
                "{var}={path} is clang with LLVM {found}, but rustc uses LLVM {major}. Objects from \
                 different LLVM majors link cleanly and then corrupt the profile. Point {var} at \
                 clang-{major} (Debian: apt-get install clang-{major}) or unset it."
            ));
        }
        return Ok(Clang { path, major });
    }
    let mut tried = Vec::new();
    for name in [format!("clang-{major}"), "clang".to_string()] {
        match major_of(&name) {
            Ok(found) if found == major => return Ok(Clang { path: name, major }),
            Ok(found) => tried.push(format!("`{name}` is LLVM {found}")),
            Err(_) => tried.push(format!("`{name}` not found")),
        }
    }
    Err(format!(
        "minicov needs clang on LLVM {major} (the LLVM of rustc) to build its runtime: {}. \
         Install it (Debian: apt-get install clang-{major}) or set CC_{} to its path.",
        tried.join(", "),
        target.replace('-', "_")
    ))
}

/// The clang `--target` for a Rust target triple.
pub fn clang_target(rust_target: &str) -> String {
    // clang spells RISC-V targets without the ISA extensions, which go in -march.
    if let Some(rest) = rust_target.strip_prefix("riscv32") {
        let tail = rest.split_once('-').map(|(_, t)| t).unwrap_or("unknown-none-elf");
        return format!("riscv32-{tail}");
    }
    if let Some(rest) = rust_target.strip_prefix("riscv64") {
        let tail = rest.split_once('-').map(|(_, t)| t).unwrap_or("unknown-none-elf");
        return format!("riscv64-{tail}");
    }
    rust_target.to_string()
}
