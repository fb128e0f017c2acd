//! Compiling the firmware's C sources (c/*.c) into `libfw_c.a` with `CC` (minicov sets the pinned clang; default clang-22).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the C sources are, where objects go, and the Rust target they are for.
pub struct CModule<'a> {
    pub source_dir: &'a Path,
    pub out_dir: &'a Path,
    pub target: &'a str,
}

/// Flags every C object gets: freestanding code, one section per function so
/// unused code is dropped, DWARF for debuggers. Thumb targets also get
/// `-mthumb`; the host (the library's unit tests) does not.
const BASE_FLAGS: &[&str] = &[
    "-Os",
    "-g",
    "-ffreestanding",
    "-fno-builtin",
    "-nostdlibinc",
    "-fno-stack-protector",
    "-ffunction-sections",
    "-fdata-sections",
    "-Wall",
    "-Wextra",
    "-Werror",
];

fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if out.status.success() {
        // Compiler warnings (e.g. PGO's unmatched functions) reach `cargo -vv` output.
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        return Ok(());
    }
    Err(format!("{shown} failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)))
}

fn sources(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read the C sources in {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c" || x == "h"))
        .collect();
    files.sort();
    Ok(files)
}

/// Extra compiler flags from MINICOV_CFLAGS (e.g. the instrumentation flags of
/// a coverage build): separated by 0x1f when set by minicov (so a path with
/// spaces stays one flag), by whitespace when typed by hand.
fn extra_flags() -> Vec<String> {
    println!("cargo:rerun-if-env-changed=MINICOV_CFLAGS");
    let flags = env::var("MINICOV_CFLAGS").unwrap_or_default();
    if flags.contains('\x1f') {
        flags.split('\x1f').filter(|f| !f.is_empty()).map(String::from).collect()
    } else {
        flags.split_whitespace().map(String::from).collect()
    }
}

fn tool(var: &str, default: &str) -> String {
    println!("cargo:rerun-if-env-changed={var}");
    env::var(var).unwrap_or_else(|_| default.to_string())
}

/// Compiles every c/*.c file, archives the objects as `libfw_c.a` and tells
/// cargo to link it.
pub fn build(m: &CModule<'_>) -> Result<(), String> {
    let clang = tool("CC", "clang-22");
    let ar = tool("AR", "llvm-ar-22");
    let extra = extra_flags();
    let mut objects = Vec::new();
    for file in sources(m.source_dir)? {
        println!("cargo:rerun-if-changed={}", file.display());
        if file.extension().is_some_and(|x| x == "h") {
            continue;
        }
        let object = m.out_dir.join(file.file_stem().unwrap()).with_extension("o");
        // The absolute source path ends up in the coverage mapping, so
        // llvm-cov reports the file wherever it is run from.
        run(Command::new(&clang)
            .arg(format!("--target={}", m.target))
            .args(BASE_FLAGS)
            .args(m.target.starts_with("thumb").then_some("-mthumb"))
            .args(&extra)
            .arg("-c")
            .arg(&file)
            .arg("-o")
            .arg(&object))?;
        objects.push(object);
    }
    if objects.is_empty() {
        return Err(format!("no C sources in {}", m.source_dir.display()));
    }
    let archive = m.out_dir.join("libfw_c.a");
    let _ = fs::remove_file(&archive);
    // Relative names from the output directory: llvm-ar reads a `%` in a path as a placeholder.
    let names = objects.iter().filter_map(|object| object.file_name());
    run(Command::new(&ar).current_dir(m.out_dir).arg("crs").arg("libfw_c.a").args(names))?;
    println!("cargo:rustc-link-search=native={}", m.out_dir.display());
    println!("cargo:rustc-link-lib=static=fw_c");
    Ok(())
}
