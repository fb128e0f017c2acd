//! How the firmware ends: a semihosting exit whose status QEMU returns.

/// Exit statuses, one per way the program can end.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ExitCode {
    /// The self-check passed and the profile was written.
    Success = 0,
    /// A computed result differs from its expected constant.
    SelfCheckFailed = 1,
    /// The host did not accept the profile file (instrumented builds only).
    #[cfg_attr(not(minicov), allow(dead_code))]
    ProfileWriteFailed = 2,
    /// The HardFault handler ran.
    HardFault = 3,
    /// An exception without a handler of its own ran.
    UnexpectedException = 4,
    /// A Rust panic.
    Panic = 101,
}

/// Stops the program with `code` as QEMU's exit status.
pub fn exit(code: ExitCode) -> ! {
    minicov::semihosting::exit(code as u32)
}
