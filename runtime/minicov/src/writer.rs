//! Sinks for profile bytes, and the bridge that lets the C runtime call them.

use core::ffi::{c_int, c_void};
use core::fmt;

/// Sink into which coverage data can be written.
///
/// An implementation for `Vec<u8>` is provided with the default `alloc` feature.
pub trait CoverageWriter {
    /// Writes all of `data` to the sink, or returns an error.
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError>;
}

/// A capture failed: the writer reported an error, or the program's
/// instrumentation uses a raw profile version this runtime was not built for.
/// No complete profile was produced.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct CoverageWriteError;

impl fmt::Display for CoverageWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("error while writing coverage data")
    }
}

#[cfg(feature = "alloc")]
impl CoverageWriter for alloc::vec::Vec<u8> {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        self.extend_from_slice(data);
        Ok(())
    }
}

impl<W: CoverageWriter + ?Sized> CoverageWriter for &mut W {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        (**self).write(data)
    }
}

/// Called by the C runtime for each piece of the profile; `ctx` is a `&mut W`.
pub(crate) unsafe extern "C" fn write_trampoline<W: CoverageWriter>(
    ctx: *mut c_void,
    data: *const c_void,
    len: usize,
) -> c_int {
    let writer = &mut *(ctx as *mut W);
    let bytes = core::slice::from_raw_parts(data as *const u8, len);
    match writer.write(bytes) {
        Ok(()) => 0,
        Err(CoverageWriteError) => 1,
    }
}
