//! Capturing the profile of the running program, sizing it, and resetting it.

use core::ffi::c_void;
use core::fmt;

use crate::ffi;
use crate::slice_writer::SliceWriter;
use crate::writer::{write_trampoline, CoverageWriteError, CoverageWriter};

/// Why a capture into a buffer did not produce a profile.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// The buffer holds fewer bytes than the profile needs.
    BufferTooSmall {
        /// Bytes the profile needs right now.
        needed: usize,
        /// Bytes the buffer has.
        available: usize,
    },
    /// The program was instrumented for a different raw profile version than
    /// this runtime writes: rustc or clang is on another LLVM major.
    VersionMismatch {
        /// Raw version the instrumented code declares.
        program: u64,
        /// Raw version this runtime was built for.
        runtime: u64,
    },
    /// The writer failed part-way.
    Write,
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CaptureError::BufferTooSmall { needed, available } => {
                write!(f, "coverage buffer too small: the profile needs {needed} bytes, the buffer has {available}")
            }
            CaptureError::VersionMismatch { program, runtime } => write!(
                f,
                "the program is instrumented for raw profile version {program} but the minicov runtime \
                 writes version {runtime}: build all code with the same LLVM major"
            ),
            CaptureError::Write => f.write_str("error while writing coverage data"),
        }
    }
}

impl From<CaptureError> for CoverageWriteError {
    fn from(_: CaptureError) -> Self {
        CoverageWriteError
    }
}

/// The raw profile version (variant flags removed) the program was instrumented for.
pub fn program_raw_version() -> u64 {
    unsafe { ffi::minicov_program_raw_version() & 0xffff_ffff }
}

/// The raw profile version this runtime writes (8, 9 or 10).
pub fn runtime_raw_version() -> u64 {
    unsafe { ffi::minicov_runtime_raw_version() }
}

/// Streams the profile; the C runtime checks the raw version before writing anything.
unsafe fn write_profile<W: CoverageWriter>(writer: &mut W) -> Result<(), CaptureError> {
    let rc = ffi::minicov_write_profile(write_trampoline::<W>, writer as *mut W as *mut c_void);
    match rc {
        ffi::MINICOV_OK => Ok(()),
        ffi::MINICOV_ERR_VERSION => {
            Err(CaptureError::VersionMismatch { program: program_raw_version(), runtime: runtime_raw_version() })
        }
        _ => Err(CaptureError::Write),
    }
}

/// Captures the coverage data for the current program and writes it into the
/// given sink, as the bytes of a `.profraw` file.
///
/// Call `reset_coverage` afterwards if the program keeps running and later
/// captures should hold only what ran after this one.
///
/// # Safety
///
/// Not thread-safe: do not call it concurrently with itself, with
/// `reset_coverage`, or while other threads run instrumented code.
pub unsafe fn capture_coverage<W: CoverageWriter>(writer: &mut W) -> Result<(), CoverageWriteError> {
    write_profile(writer).map_err(CoverageWriteError::from)
}

/// Like `capture_coverage`, with the reason when it fails.
///
/// # Safety
///
/// As for `capture_coverage`.
pub unsafe fn try_capture_coverage<W: CoverageWriter>(writer: &mut W) -> Result<(), CaptureError> {
    write_profile(writer)
}

/// Number of bytes a capture would produce now.
///
/// It changes only when value profiling records a new value, so a buffer of
/// this size taken just before capturing is large enough.
pub fn coverage_size() -> usize {
    unsafe { ffi::minicov_profile_size() }
}

/// Captures the profile into `buf` and returns how many bytes it used. When
/// `buf` is too small, nothing is written and the error says how many bytes
/// are needed.
///
/// # Safety
///
/// As for `capture_coverage`.
pub unsafe fn capture_coverage_to_buffer(buf: &mut [u8]) -> Result<usize, CaptureError> {
    // On a version mismatch the size is 0 and the capture below reports the mismatch.
    let needed = coverage_size();
    if needed > buf.len() {
        return Err(CaptureError::BufferTooSmall { needed, available: buf.len() });
    }
    let mut writer = SliceWriter::new(buf);
    write_profile(&mut writer)?;
    Ok(writer.len())
}

/// Resets all coverage counters, bitmap bytes and recorded values to zero.
///
/// Call it after a capture if the program keeps running, so the next capture
/// can be merged with this one without counting anything twice.
pub fn reset_coverage() {
    unsafe { ffi::minicov_reset_counters() }
}
