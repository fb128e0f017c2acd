//! Raw Linux system calls for output files and exit.

use core::arch::asm;
use core::ffi::CStr;

use minicov::{CoverageWriteError, CoverageWriter};

const SYS_WRITE: usize = 1;
const SYS_OPEN: usize = 2;
const SYS_CLOSE: usize = 3;
const SYS_EXIT_GROUP: usize = 231;
const O_WRONLY_CREAT_TRUNC: usize = 0o1 | 0o100 | 0o1000;

unsafe fn syscall3(number: usize, a: usize, b: usize, c: usize) -> isize {
    let result: isize;
    asm!("syscall", inlateout("rax") number as isize => result, in("rdi") a, in("rsi") b, in("rdx") c,
         lateout("rcx") _, lateout("r11") _, options(nostack));
    result
}

/// Ends the process with `code`.
#[allow(clippy::empty_loop)] // exit_group never returns: the loop is unreachable and only gives the `!` type
pub fn exit(code: usize) -> ! {
    unsafe { syscall3(SYS_EXIT_GROUP, code, 0, 0) };
    loop {}
}

/// Writes all of `data` to `fd`, retrying short writes; false on error.
pub fn write_all(fd: usize, mut data: &[u8]) -> bool {
    while !data.is_empty() {
        let n = unsafe { syscall3(SYS_WRITE, fd, data.as_ptr() as usize, data.len()) };
        if n <= 0 {
            return false;
        }
        data = &data[n as usize..];
    }
    true
}

/// Creates or truncates `path` (mode 0644) and returns a writer for it.
pub fn create_file(path: &CStr) -> Option<FdWriter> {
    let fd = unsafe { syscall3(SYS_OPEN, path.as_ptr() as usize, O_WRONLY_CREAT_TRUNC, 0o644) };
    if fd < 0 {
        None
    } else {
        Some(FdWriter { fd: fd as usize, owned: true })
    }
}

/// A file descriptor the profile is written to; closed on drop if it was opened here.
pub struct FdWriter {
    fd: usize,
    owned: bool,
}

impl FdWriter {
    /// A writer for an already open descriptor such as 1 (stdout).
    pub fn borrowed(fd: usize) -> Self {
        FdWriter { fd, owned: false }
    }
}

impl CoverageWriter for FdWriter {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        if write_all(self.fd, data) {
            Ok(())
        } else {
            Err(CoverageWriteError)
        }
    }
}

impl Drop for FdWriter {
    fn drop(&mut self) {
        if self.owned {
            unsafe { syscall3(SYS_CLOSE, self.fd, 0, 0) };
        }
    }
}
