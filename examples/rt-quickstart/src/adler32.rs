//! Adler-32, the checksum of zlib, updated a few bytes at a time.

/// The largest prime below 2^16.
const MODULUS: u32 = 65521;

/// Adler-32's value over no bytes.
pub const INITIAL: u32 = 1;

/// The Adler-32 of the bytes `adler` covers followed by `bytes`.
pub fn update(adler: u32, bytes: &[u8]) -> u32 {
    let mut low = adler & 0xFFFF;
    let mut high = adler >> 16;
    for &byte in bytes {
        low = (low + u32::from(byte)) % MODULUS; // MARK: adler_byte
        high = (high + low) % MODULUS;
    }
    (high << 16) | low
}
