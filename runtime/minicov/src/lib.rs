//! Code coverage and profile-guided optimization for `no_std` and embedded
//! programs, with a bundled libc-free LLVM profiling runtime.
//!
//! Build your code with `-Cinstrument-coverage` (or `-Cprofile-generate`) and
//! `-Zno-profiler-runtime`, call [`capture_coverage`] before the program ends,
//! and store the bytes as a `.profraw` file for `llvm-profdata` and `llvm-cov`.
//! Every instrumentation kind of rustc and clang is supported, value profiling
//! included. The runtime is compiled by this crate's build script with the
//! clang whose LLVM major matches rustc's, and writes the raw profile version
//! that LLVM reads (8 for LLVM 14-17, 9 for LLVM 18, 10 for LLVM 19-22).
//!
//! Ready writers: `Vec<u8>` (feature `alloc`), a caller's buffer
//! ([`capture_coverage_to_buffer`]), a byte callback such as a UART
//! ([`ByteSinkWriter`]) and, on Cortex-M, a host file through semihosting
//! (`semihosting::SemihostingFile`).

#![cfg_attr(not(test), no_std)]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

mod byte_sink;
mod capture;
mod ffi;
mod slice_writer;
mod writer;

#[cfg(all(target_arch = "arm", target_feature = "mclass"))]
pub mod semihosting;

// The build script's version logic, unit-tested with the crate.
#[cfg(test)]
#[path = "../build/llvm_version.rs"]
mod build_llvm_version;

pub use byte_sink::ByteSinkWriter;
pub use capture::{
    capture_coverage, capture_coverage_to_buffer, coverage_size, program_raw_version, reset_coverage,
    runtime_raw_version, try_capture_coverage, CaptureError,
};
pub use slice_writer::SliceWriter;
pub use writer::{CoverageWriteError, CoverageWriter};
