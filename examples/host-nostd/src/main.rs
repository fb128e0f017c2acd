//! A `#![no_std]` `#![no_main]` x86_64 Linux program with no libc: it runs a
//! small protocol workload (Rust) and checksums it (C), checks the results,
//! and writes its profile with minicov to the file named by its first
//! argument (default `host-nostd.profraw`). A second argument N repeats the
//! workload N more times: the training and benchmark load for PGO.
#![no_std]
#![no_main]

mod protocol;

use nostd_linux::{create_file, write_all, Args};

extern "C" {
    fn crc32_update(crc: u32, data: *const u8, len: usize) -> u32;
}

const SCRIPT: &[u8] = b"SET a 5\nADD a 7\nSET b 30\nSUM\nDEL a\nADD c 1\nBOGUS\nSET zz 1\nSUM\nADD b 4000000000\nSUM\n";

fn self_check() -> bool {
    let (total, invalid) = protocol::execute(SCRIPT);
    let crc = unsafe { crc32_update(0, SCRIPT.as_ptr(), SCRIPT.len()) };
    let known = unsafe { crc32_update(0, b"123456789".as_ptr(), 9) };
    // 42 + 31 + (4000000030 + 1) summed over the SUM lines; two malformed lines.
    total == 42 + 31 + 4_000_000_031 && invalid == 2 && known == 0xCBF4_3926 && crc != 0
}

/// The decimal number in `text`, if it is one (no sign, no spaces).
fn parse_count(text: &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for &byte in text {
        let digit = byte.checked_sub(b'0').filter(|d| *d < 10)?;
        value = value.checked_mul(10)?.checked_add(u32::from(digit))?;
    }
    if text.is_empty() {
        None
    } else {
        Some(value)
    }
}

/// The workload again, `rounds` times: parse and execute the script, checksum it.
fn repeat_workload(rounds: u32) -> u64 {
    let mut acc: u64 = 0;
    for _ in 0..rounds {
        let (total, invalid) = protocol::execute(core::hint::black_box(SCRIPT));
        let crc = unsafe { crc32_update(0, SCRIPT.as_ptr(), SCRIPT.len()) };
        acc = acc.wrapping_add(total).wrapping_add(u64::from(invalid)).wrapping_add(u64::from(crc));
    }
    acc
}

#[no_mangle]
fn app_main(args: &Args) -> i32 {
    let passed = self_check();
    if let Some(rounds) = args.get(2) {
        let Some(rounds) = parse_count(rounds.to_bytes()) else {
            write_all(2, b"host-nostd: the second argument must be a number of rounds\n");
            return 4;
        };
        core::hint::black_box(repeat_workload(rounds));
    }
    let path = args.get(1).unwrap_or(c"host-nostd.profraw");
    let Some(mut file) = create_file(path) else {
        write_all(2, b"host-nostd: cannot create the profile file\n");
        return 2;
    };
    if unsafe { minicov::capture_coverage(&mut file) }.is_err() {
        write_all(2, b"host-nostd: writing the profile failed\n");
        return 3;
    }
    if passed {
        0
    } else {
        write_all(2, b"host-nostd: self-check failed\n");
        1
    }
}
