//! ARM semihosting: write the profile to a file on the debug host (QEMU with
//! `-semihosting-config enable=on`, or a debug probe), and exit with a status.
//! Only on Cortex-M, where the semihosting trap is `bkpt 0xab`.

use core::ffi::CStr;

use crate::writer::{CoverageWriteError, CoverageWriter};

const SYS_OPEN: u32 = 0x01;
const SYS_CLOSE: u32 = 0x02;
const SYS_WRITE: u32 = 0x05;
const SYS_EXIT_EXTENDED: u32 = 0x20;
const MODE_WRITE_BINARY: usize = 5; // "wb": create or truncate
const ADP_STOPPED_APPLICATION_EXIT: usize = 0x20026;

/// Issues one semihosting call; `arg` points to the call's parameter block.
unsafe fn call(op: u32, arg: *const usize) -> isize {
    let result: isize;
    core::arch::asm!("bkpt #0xab", inout("r0") op as isize => result, in("r1") arg, options(nostack));
    result
}

/// A file on the host, written through semihosting; closed when dropped.
pub struct SemihostingFile {
    handle: isize,
}

impl SemihostingFile {
    /// Creates (or truncates) `path` on the host for writing.
    pub fn create(path: &CStr) -> Result<Self, CoverageWriteError> {
        let block = [path.as_ptr() as usize, MODE_WRITE_BINARY, path.to_bytes().len()];
        let handle = unsafe { call(SYS_OPEN, block.as_ptr()) };
        if handle < 0 {
            return Err(CoverageWriteError);
        }
        Ok(SemihostingFile { handle })
    }

    /// Closes the file, reporting whether the host accepted it.
    pub fn close(self) -> Result<(), CoverageWriteError> {
        let result = self.close_handle();
        core::mem::forget(self);
        result
    }

    fn close_handle(&self) -> Result<(), CoverageWriteError> {
        let block = [self.handle as usize];
        match unsafe { call(SYS_CLOSE, block.as_ptr()) } {
            0 => Ok(()),
            _ => Err(CoverageWriteError),
        }
    }
}

impl CoverageWriter for SemihostingFile {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        let block = [self.handle as usize, data.as_ptr() as usize, data.len()];
        // SYS_WRITE returns the number of bytes it could not write.
        match unsafe { call(SYS_WRITE, block.as_ptr()) } {
            0 => Ok(()),
            _ => Err(CoverageWriteError),
        }
    }
}

impl Drop for SemihostingFile {
    fn drop(&mut self) {
        let _ = self.close_handle();
    }
}

/// Ends the program under the debug host with `status` as its exit code.
pub fn exit(status: u32) -> ! {
    let block = [ADP_STOPPED_APPLICATION_EXIT, status as usize];
    unsafe { call(SYS_EXIT_EXTENDED, block.as_ptr()) };
    // A host without SYS_EXIT_EXTENDED returns here: stop.
    loop {
        core::hint::spin_loop();
    }
}
