//! Compiling the C runtime into a static library for the crate's target.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

use crate::clang::{clang_target, Clang};

/// What a runtime build needs to know.
pub struct RuntimeBuild<'a> {
    pub clang: &'a Clang,
    pub target: &'a str,
    pub raw_version: u32,
    pub pool_bytes: u64,
    pub source_dir: &'a Path,
    pub out_dir: &'a Path,
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!("{shown} failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)))
}

fn sources(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read the runtime sources in {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .collect();
    files.sort();
    Ok(files)
}

fn archiver(major: u32) -> String {
    for var in ["AR", "LLVM_AR"] {
        println!("cargo:rerun-if-env-changed={var}");
        if let Ok(ar) = env::var(var) {
            return ar;
        }
    }
    let versioned = format!("llvm-ar-{major}");
    if Command::new(&versioned).arg("--version").output().is_ok() {
        return versioned;
    }
    "llvm-ar".to_string()
}

/// Compiles every runtime source and archives them as `libminicov_rt.a`.
pub fn build_runtime(b: &RuntimeBuild<'_>) -> Result<(), String> {
    let src = b.source_dir.join("src");
    let mut objects = Vec::new();
    for file in sources(&src)? {
        println!("cargo:rerun-if-changed={}", file.display());
        let object = b.out_dir.join(file.file_stem().unwrap()).with_extension("o");
        let mut cmd = Command::new(&b.clang.path);
        cmd.arg(format!("--target={}", clang_target(b.target)))
            .arg(format!("-DMINICOV_RAW_VERSION={}", b.raw_version))
            .arg(format!("-DMINICOV_VP_POOL_BYTES={}", b.pool_bytes))
            .arg("-I")
            .arg(b.source_dir.join("include"))
            // Freestanding and uninstrumented: no libc, no builtin library calls,
            // no profiling flags (the runtime must never count itself).
            .args(["-Os", "-ffreestanding", "-fno-builtin", "-nostdlibinc", "-fno-stack-protector"])
            .args(["-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra"])
            .args(arch_flags(b.target))
            .arg("-c")
            .arg(&file)
            .arg("-o")
            .arg(&object);
        run(&mut cmd)?;
        objects.push(object);
    }
    println!("cargo:rerun-if-changed={}", b.source_dir.join("include/minicov.h").display());
    for entry in fs::read_dir(&src).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|x| x == "h") {
            println!("cargo:rerun-if-changed={}", entry.path().display());
        }
    }
    let archive = "libminicov_rt.a";
    let _ = fs::remove_file(b.out_dir.join(archive));
    // Relative names from OUT_DIR: llvm-ar names its temporary file after the archive's path and
    // would read a `%` in a directory name as a placeholder.
    let names = objects.iter().filter_map(|object| object.file_name());
    run(Command::new(archiver(b.clang.major)).current_dir(b.out_dir).arg("crs").arg(archive).args(names))?;
    Ok(())
}

fn arch_flags(target: &str) -> Vec<String> {
    let mut flags = Vec::new();
    // Hosted targets link position-independent executables; bare metal must not use a GOT.
    if !target.contains("-none") {
        flags.push("-fPIC".to_string());
    }
    if let Some(isa) = target.strip_prefix("riscv32").or_else(|| target.strip_prefix("riscv64")) {
        let ext = isa.split('-').next().unwrap_or("");
        let bits = if target.starts_with("riscv32") { "32" } else { "64" };
        flags.push(format!("-march=rv{bits}{ext}"));
    }
    if target.ends_with("eabihf") {
        flags.push("-mfloat-abi=hard".to_string());
    }
    flags
}
