//! The C module's CRC-16 (c/crc16.c).

extern "C" {
    fn fw_crc16(data: *const u8, len: usize) -> u16;
}

/// CRC-16/CCITT-FALSE of `data`, computed by the C module.
pub fn crc16(data: &[u8]) -> u16 {
    // SAFETY: the C function reads exactly `len` bytes from `data`.
    unsafe { fw_crc16(data.as_ptr(), data.len()) }
}
