//! Capture into a caller-provided buffer, for targets without an allocator.

use crate::writer::{CoverageWriteError, CoverageWriter};

/// Writes into a fixed buffer and fails, without writing, when a piece does not fit.
pub struct SliceWriter<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> SliceWriter<'a> {
    /// A writer that fills `buf` from the start.
    pub fn new(buf: &'a mut [u8]) -> Self {
        SliceWriter { buf, len: 0 }
    }

    /// How many bytes have been written so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing has been written yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl CoverageWriter for SliceWriter<'_> {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        let end = self.len.checked_add(data.len()).ok_or(CoverageWriteError)?;
        let dest = self.buf.get_mut(self.len..end).ok_or(CoverageWriteError)?;
        dest.copy_from_slice(data);
        self.len = end;
        Ok(())
    }
}
