//! Writing this run's coverage profile to a file on the host, in the builds
//! minicov instruments (`cfg(minicov)`) only: plain and PGO-optimized builds
//! carry no profiling runtime and write nothing, and neither do builds for
//! minicov's gdb runner (`cfg(minicov_gdb)`), whose debugger reads the counters.

/// Writes the profile to the host; a host that refuses it ends the run with
/// `ExitCode::ProfileWriteFailed`. Without instrumentation it does nothing.
/// Never inlined, and called the same way in every build: the caller's control
/// flow stays the same, so PGO matches it (this function is the one that
/// differs between the builds).
#[inline(never)]
pub fn write_or_exit() {
    #[cfg(all(minicov, not(minicov_gdb)))]
    semihosting_file::write_or_exit();
}

/// The profile as a host file written through semihosting.
#[cfg(all(minicov, not(minicov_gdb)))]
mod semihosting_file {
    use core::ffi::CStr;

    use minicov::CoverageWriteError;

    use crate::exit::{exit, ExitCode};

    /// FW_PROFILE_PATH at build time, or fw.profraw (relative to QEMU's working directory).
    const PATH: &str = match option_env!("FW_PROFILE_PATH") {
        Some(path) => path,
        None => "fw.profraw",
    };

    /// `PATH` and a terminating NUL.
    const PATH_BYTES: [u8; PATH.len() + 1] = {
        let mut bytes = [0u8; PATH.len() + 1];
        let mut i = 0;
        while i < PATH.len() {
            bytes[i] = PATH.as_bytes()[i];
            i += 1;
        }
        bytes
    };

    /// `PATH` as the C string semihosting takes, checked at compile time.
    const PATH_C: &CStr = match CStr::from_bytes_with_nul(&PATH_BYTES) {
        Ok(path) => path,
        Err(_) => panic!("FW_PROFILE_PATH contains a NUL byte"),
    };

    /// Writes the profile, or ends the run with `ExitCode::ProfileWriteFailed`.
    pub fn write_or_exit() {
        if write().is_err() {
            exit(ExitCode::ProfileWriteFailed);
        }
    }

    /// Writes the profile to the host file `PATH` through semihosting.
    fn write() -> Result<(), CoverageWriteError> {
        let mut file = minicov::semihosting::SemihostingFile::create(PATH_C)?;
        // SAFETY: single-threaded, and no interrupt handler runs instrumented code.
        unsafe { minicov::capture_coverage(&mut file)? };
        file.close()
    }
}
