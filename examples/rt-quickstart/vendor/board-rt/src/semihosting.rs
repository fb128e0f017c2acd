//! ARM semihosting calls: a `bkpt 0xab` trap the debugger or QEMU answers.

pub const SYS_OPEN: usize = 0x01;
pub const SYS_CLOSE: usize = 0x02;
pub const SYS_WRITE: usize = 0x05;
pub const SYS_EXIT: usize = 0x18;
pub const SYS_EXIT_EXTENDED: usize = 0x20;

/// The exit reason of a program that ended normally.
pub const ADP_STOPPED_APPLICATION_EXIT: usize = 0x20026;
/// The exit reason of a program that ended on an error.
pub const ADP_STOPPED_INTERNAL_ERROR: usize = 0x20024;

/// Traps to the debug host with operation `op` and its argument (a value or the address of a
/// parameter block); returns the host's answer.
pub unsafe fn call(op: usize, arg: usize) -> isize {
    let result: isize;
    core::arch::asm!("bkpt #0xab", inout("r0") op => result, in("r1") arg, options(nostack));
    result
}
