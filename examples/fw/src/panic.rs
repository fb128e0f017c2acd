//! The panic handler: there is nowhere to print, so the exit status says it.

use crate::exit::{exit, ExitCode};

/// Ends the program with status 101, like a panicking Rust program on a host.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    exit(ExitCode::Panic)
}
