//! Output to the debug host's terminal through semihosting.

use crate::semihosting::{call, SYS_CLOSE, SYS_OPEN, SYS_WRITE};

/// The special file name of the host's terminal.
const TERMINAL: &[u8] = b":tt\0";
/// Open mode "w": the terminal's output side.
const MODE_WRITE: usize = 4;

/// Writes `text` to the host's standard output; does nothing without a debug host.
pub fn write_str(text: &str) {
    let open = [TERMINAL.as_ptr() as usize, MODE_WRITE, TERMINAL.len() - 1];
    let handle = unsafe { call(SYS_OPEN, open.as_ptr() as usize) };
    if handle < 0 {
        return;
    }
    let write = [handle as usize, text.as_ptr() as usize, text.len()];
    unsafe { call(SYS_WRITE, write.as_ptr() as usize) };
    let close = [handle as usize];
    unsafe { call(SYS_CLOSE, close.as_ptr() as usize) };
}
