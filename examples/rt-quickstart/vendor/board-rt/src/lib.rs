//! board-rt: the startup code, vector table and linker script a Cortex-M program needs to run
//! from reset, plus semihosting output and exit for running it under a debugger or QEMU.
#![no_std]

#[cfg(not(target_arch = "arm"))]
compile_error!("board-rt runs on Cortex-M targets (thumbv*m-none-eabi*) only");

pub mod debug;
mod entry;
mod heap;
pub mod hio;
mod reset;
mod semihosting;
mod unused;
mod vectors;

pub use heap::heap_start;
pub use reset::Reset;
pub use unused::never_called_by_anyone;
pub use vectors::{DefaultHandler_, HardFault_, Vector, __EXCEPTIONS, __RESET_VECTOR};
