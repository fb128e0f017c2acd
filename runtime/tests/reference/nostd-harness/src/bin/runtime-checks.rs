//! Exercises the minicov API's failure paths on a real instrumented program.
//! Usage: runtime-checks fail-after <n> | buffer | reset
//! Facts go to stderr as `key=value` lines; a profile, if any, to stdout.
#![no_std]
#![no_main]

use core::ffi::CStr;

use minicov::{CaptureError, CoverageWriteError, CoverageWriter};
use nostd_linux::{write_all, Args, FdWriter};

/// Accepts `allowed` writes, then fails every later one; counts the attempts.
struct FailingWriter {
    allowed: usize,
    attempts: usize,
}

impl CoverageWriter for FailingWriter {
    fn write(&mut self, _data: &[u8]) -> Result<(), CoverageWriteError> {
        self.attempts += 1;
        if self.attempts > self.allowed {
            Err(CoverageWriteError)
        } else {
            Ok(())
        }
    }
}

fn report(key: &str, value: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut v = value;
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    write_all(2, key.as_bytes());
    write_all(2, b"=");
    write_all(2, &digits[at..]);
    write_all(2, b"\n");
}

fn parse(text: &CStr) -> usize {
    text.to_bytes().iter().fold(0, |n, d| n * 10 + (d - b'0') as usize)
}

static mut BUFFER: [u8; 65536] = [0; 65536];

fn fail_after(allowed: usize) -> i32 {
    let mut writer = FailingWriter { allowed, attempts: 0 };
    let result = unsafe { minicov::capture_coverage(&mut writer) };
    report("ok", result.is_ok() as usize);
    report("attempts", writer.attempts);
    0
}

fn buffer() -> i32 {
    let size = minicov::coverage_size();
    report("size", size);
    let buf = unsafe { &mut *core::ptr::addr_of_mut!(BUFFER) };
    match unsafe { minicov::capture_coverage_to_buffer(&mut buf[..size - 1]) } {
        Err(CaptureError::BufferTooSmall { needed, available }) => {
            report("needed", needed);
            report("available", available);
        }
        _ => report("too_small_not_reported", 1),
    }
    match unsafe { minicov::capture_coverage_to_buffer(&mut buf[..]) } {
        Ok(len) => {
            report("written", len);
            write_all(1, &buf[..len]);
        }
        Err(_) => report("capture_failed", 1),
    }
    0
}

fn reset() -> i32 {
    minicov::reset_coverage();
    match unsafe { minicov::capture_coverage(&mut FdWriter::borrowed(1)) } {
        Ok(()) => 0,
        Err(_) => 3,
    }
}

#[no_mangle]
fn app_main(args: &Args) -> i32 {
    core::hint::black_box(reference_workload::run());
    match args.get(1).map(CStr::to_bytes) {
        Some(b"fail-after") => fail_after(args.get(2).map(parse).unwrap_or(0)),
        Some(b"buffer") => buffer(),
        Some(b"reset") => reset(),
        _ => 2,
    }
}
