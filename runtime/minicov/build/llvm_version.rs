//! Reading rustc's LLVM version and choosing the raw profile version for it.

/// The raw profile version each supported LLVM major writes.
pub fn raw_version_for(llvm_major: u32) -> Result<u32, String> {
    match llvm_major {
        14..=17 => Ok(8),
        18 => Ok(9),
        19..=22 => Ok(10),
        _ => Err(format!(
            "minicov supports LLVM 14 to 22, but rustc uses LLVM {llvm_major}. \
             Use a Rust toolchain built on LLVM 14-22 (for example Debian's rustc-web 1.96, LLVM 22), \
             or a minicov release that supports LLVM {llvm_major}."
        )),
    }
}

/// The LLVM major from the `LLVM version: X.Y.Z` line of `rustc -vV`.
pub fn llvm_major_from_rustc(verbose_version: &str) -> Result<u32, String> {
    let line = verbose_version.lines().find_map(|l| l.strip_prefix("LLVM version:")).ok_or_else(|| {
        format!(
            "`rustc -vV` printed no `LLVM version:` line, so minicov cannot tell which raw \
                 profile version to write. Output was:\n{verbose_version}"
        )
    })?;
    leading_major(line.trim()).ok_or_else(|| format!("cannot read an LLVM major from `LLVM version: {}`", line.trim()))
}

/// The LLVM major of a clang from its `--version` output (`clang version X.Y.Z ...`).
pub fn llvm_major_from_clang(version_output: &str) -> Option<u32> {
    let first = version_output.lines().next()?;
    let at = first.find("clang version ")? + "clang version ".len();
    leading_major(&first[at..])
}

fn leading_major(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_supported_major() {
        assert_eq!(raw_version_for(14), Ok(8));
        assert_eq!(raw_version_for(17), Ok(8));
        assert_eq!(raw_version_for(18), Ok(9));
        assert_eq!(raw_version_for(19), Ok(10));
        assert_eq!(raw_version_for(22), Ok(10));
    }

    #[test]
    fn rejects_unsupported_majors_by_name() {
        let err = raw_version_for(23).unwrap_err();
        assert!(err.contains("LLVM 23"), "{err}");
        assert!(raw_version_for(13).unwrap_err().contains("LLVM 13"));
    }

    #[test]
    fn parses_rustc_and_clang_versions() {
        let rustc = "rustc 1.96.0 (ac68faa20 2026-05-25)\nhost: x86_64-unknown-linux-gnu\nLLVM version: 22.1.8\n";
        assert_eq!(llvm_major_from_rustc(rustc), Ok(22));
        assert!(llvm_major_from_rustc("rustc 1.0.0\n").is_err());
        assert_eq!(llvm_major_from_clang("Debian clang version 22.1.8 (++2026)\nTarget: x"), Some(22));
        assert_eq!(llvm_major_from_clang("Homebrew clang version 19.1.7\n"), Some(19));
        assert_eq!(llvm_major_from_clang("gcc (Debian 12.2.0) 12.2.0\n"), None);
    }
}
