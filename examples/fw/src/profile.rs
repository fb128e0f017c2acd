//! Writing this run's coverage profile to a file on the host: in builds minicov
//! instruments only (`cfg(minicov)`), so plain and PGO-optimized builds carry no
//! profiling runtime and write nothing.

use core::ffi::CStr;

use minicov::CoverageWriteError;

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

/// Writes the profile to the host file `PATH` through semihosting.
#[cfg(minicov)]
pub fn write() -> Result<(), CoverageWriteError> {
    let mut file = minicov::semihosting::SemihostingFile::create(PATH_C)?;
    // SAFETY: single-threaded, and no interrupt handler runs instrumented code.
    unsafe { minicov::capture_coverage(&mut file)? };
    file.close()
}

/// A build without instrumentation has no profile to write.
#[cfg(not(minicov))]
pub fn write() -> Result<(), CoverageWriteError> {
    let _ = PATH_C;
    Ok(())
}
