//! Everything a `#![no_std]` `#![no_main]` x86_64 Linux program needs that
//! libc would otherwise give it: the `_start` entry point, raw system calls,
//! the memory functions the compiler calls, and a panic handler. The program
//! defines `#[no_mangle] extern "Rust" fn app_main(args: &Args) -> i32`.
#![no_std]

mod entry;
mod mem;
mod syscall;

pub use entry::Args;
pub use syscall::{create_file, exit, write_all, FdWriter};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    let _ = write_all(2, b"panic\n");
    exit(101)
}

// The precompiled `core` refers to an unwinding personality; nothing unwinds
// here (panic = "abort").
#[no_mangle]
extern "C" fn rust_eh_personality() {}
