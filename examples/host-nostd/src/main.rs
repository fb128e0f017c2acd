//! A `#![no_std]` `#![no_main]` x86_64 Linux program with no libc: it runs a
//! small protocol workload (Rust) and checksums it (C), checks the results,
//! and writes its profile with minicov to the file named by its first
//! argument (default `host-nostd.profraw`).
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

#[no_mangle]
fn app_main(args: &Args) -> i32 {
    let passed = self_check();
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
