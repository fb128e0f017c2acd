//! Runs the workload with no std and no libc, then streams the profile from
//! the minicov runtime to standard output.
#![no_std]
#![no_main]

use nostd_linux::{Args, FdWriter};

#[no_mangle]
fn app_main(_args: &Args) -> i32 {
    core::hint::black_box(reference_workload::run());
    match unsafe { minicov::capture_coverage(&mut FdWriter::borrowed(1)) } {
        Ok(()) => 0,
        Err(_) => 3,
    }
}
