//! A writer for byte-at-a-time channels such as a UART transmit register.

use crate::writer::{CoverageWriteError, CoverageWriter};

/// Sends every profile byte to a callback, e.g. `|b| uart.write_byte(b)`.
///
/// The callback returns `Err` to abort the capture (for example on a
/// transmit timeout); the capture then returns `CoverageWriteError`.
pub struct ByteSinkWriter<F: FnMut(u8) -> Result<(), CoverageWriteError>> {
    sink: F,
    sent: usize,
}

impl<F: FnMut(u8) -> Result<(), CoverageWriteError>> ByteSinkWriter<F> {
    /// A writer that passes each byte to `sink`.
    pub fn new(sink: F) -> Self {
        ByteSinkWriter { sink, sent: 0 }
    }

    /// How many bytes the sink has accepted.
    pub fn bytes_sent(&self) -> usize {
        self.sent
    }
}

impl<F: FnMut(u8) -> Result<(), CoverageWriteError>> CoverageWriter for ByteSinkWriter<F> {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        for &byte in data {
            (self.sink)(byte)?;
            self.sent += 1;
        }
        Ok(())
    }
}
