//! The C runtime's interface (runtime/c/include/minicov.h).

use core::ffi::{c_int, c_void};

/// Receives profile bytes; returns 0 on success.
pub type WriteFn = unsafe extern "C" fn(ctx: *mut c_void, data: *const c_void, len: usize) -> c_int;

pub const MINICOV_OK: c_int = 0;
pub const MINICOV_ERR_VERSION: c_int = -2;

extern "C" {
    pub fn minicov_write_profile(write: WriteFn, ctx: *mut c_void) -> c_int;
    pub fn minicov_profile_size() -> usize;
    pub fn minicov_reset_counters();
    pub fn minicov_runtime_raw_version() -> u64;
    pub fn minicov_program_raw_version() -> u64;
}
