//! Text for the debug host's terminal: formatted into a fixed buffer, written in one call.

use core::fmt;

/// Up to 128 bytes of text waiting to be written.
pub struct Console {
    buffer: [u8; 128],
    len: usize,
}

impl Console {
    /// An empty buffer.
    pub const fn new() -> Self {
        Console { buffer: [0; 128], len: 0 }
    }

    /// Writes the buffered text to the host and empties the buffer.
    pub fn flush(&mut self) {
        if let Ok(text) = core::str::from_utf8(&self.buffer[..self.len]) {
            board_rt::hio::write_str(text);
        }
        self.len = 0;
    }
}

impl fmt::Write for Console {
    /// Buffers `text`, flushing first when it would not fit.
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.len + text.len() > self.buffer.len() {
            self.flush();
        }
        if text.len() > self.buffer.len() {
            board_rt::hio::write_str(text);
            return Ok(());
        }
        self.buffer[self.len..self.len + text.len()].copy_from_slice(text.as_bytes());
        self.len += text.len();
        Ok(())
    }
}
