//! One capture into a preallocated buffer, then a plain memcpy of the same
//! bytes, each in its own function so callgrind can count their instructions.
//! Prints `profile_bytes=<n>` to stderr.
#![no_std]
#![no_main]

use minicov::SliceWriter;
use nostd_linux::{write_all, Args};

static mut PROFILE: [u8; 65536] = [0; 65536];
static mut COPY: [u8; 65536] = [0; 65536];

#[no_mangle]
#[inline(never)]
fn bench_capture(buf: &mut [u8]) -> usize {
    let mut writer = SliceWriter::new(buf);
    match unsafe { minicov::capture_coverage(&mut writer) } {
        Ok(()) => writer.len(),
        Err(_) => 0,
    }
}

#[no_mangle]
#[inline(never)]
fn bench_memcpy(dest: &mut [u8], src: &[u8]) {
    dest.copy_from_slice(src);
}

#[no_mangle]
fn app_main(_args: &Args) -> i32 {
    core::hint::black_box(reference_workload::run());
    let (profile, copy) = unsafe { (&mut *core::ptr::addr_of_mut!(PROFILE), &mut *core::ptr::addr_of_mut!(COPY)) };
    let len = bench_capture(core::hint::black_box(profile));
    if len == 0 {
        return 3;
    }
    bench_memcpy(core::hint::black_box(&mut copy[..len]), &profile[..len]);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut v = len;
    while v > 0 {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    write_all(2, b"profile_bytes=");
    write_all(2, &digits[at..]);
    write_all(2, b"\n");
    0
}
