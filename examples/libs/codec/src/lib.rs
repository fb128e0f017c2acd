//! Frames: a start byte 0x7E, a length byte, the payload, and the payload's
//! CRC-32 (little endian). `encode` writes one; `Decoder` takes bytes as they
//! arrive (through a ring buffer, as from a UART) and yields checked payloads.
#![cfg_attr(not(test), no_std)]

use checksum::crc32;
use ringbuf::RingBuf;

/// The byte every frame starts with.
pub const START: u8 = 0x7E;
/// The longest payload a frame carries.
pub const MAX_PAYLOAD: usize = 32;

/// Why `encode` could not write a frame.
#[derive(Debug, PartialEq, Eq)]
pub enum EncodeError {
    PayloadTooLong,
    OutputTooSmall,
}

/// Writes the frame for `payload` into `out`; returns its length.
pub fn encode(payload: &[u8], out: &mut [u8]) -> Result<usize, EncodeError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(EncodeError::PayloadTooLong);
    }
    let total = payload.len() + 6;
    if out.len() < total {
        return Err(EncodeError::OutputTooSmall);
    }
    out[0] = START;
    out[1] = payload.len() as u8;
    out[2..2 + payload.len()].copy_from_slice(payload);
    out[2 + payload.len()..total].copy_from_slice(&crc32(0, payload).to_le_bytes());
    Ok(total)
}

/// What the decoder saw, for diagnostics.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct DecodeStats {
    pub frames: u32,
    pub bad_crc: u32,
    pub skipped: u32,
}

/// A streaming decoder: `feed` bytes, then `next_frame` until it returns None.
pub struct Decoder {
    pending: RingBuf<64>,
    frame: [u8; MAX_PAYLOAD + 6],
    stats: DecodeStats,
}

impl Decoder {
    /// A decoder with nothing buffered.
    pub const fn new() -> Self {
        Self {
            pending: RingBuf::new(),
            frame: [0; MAX_PAYLOAD + 6],
            stats: DecodeStats { frames: 0, bad_crc: 0, skipped: 0 },
        }
    }

    /// Buffers `byte`; the oldest byte is dropped (and counted as skipped) when the buffer is full.
    pub fn feed(&mut self, byte: u8) {
        if self.pending.overwrite(byte).is_some() {
            self.stats.skipped += 1;
        }
    }

    /// The counts so far.
    pub fn stats(&self) -> DecodeStats {
        self.stats
    }

    /// The next complete, checked payload from the buffered bytes, if there is one.
    pub fn next_frame(&mut self) -> Option<&[u8]> {
        loop {
            let start = self.pending.pop()?;
            if start != START {
                self.stats.skipped += 1;
                continue;
            }
            let length = usize::from(self.pending.pop()?);
            if length > MAX_PAYLOAD || self.pending.len() < length + 4 {
                self.stats.skipped += 1;
                continue;
            }
            for slot in self.frame[..length + 4].iter_mut() {
                *slot = self.pending.pop().unwrap_or(0);
            }
            let (payload, crc) = self.frame[..length + 4].split_at(length);
            if crc32(0, payload).to_le_bytes() != crc {
                self.stats.bad_crc += 1;
                continue;
            }
            self.stats.frames += 1;
            return Some(&self.frame[..length]);
        }
    }
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_all(decoder: &mut Decoder, bytes: &[u8]) {
        for &byte in bytes {
            decoder.feed(byte);
        }
    }

    #[test]
    fn round_trips_a_frame_and_skips_noise() {
        let mut out = [0u8; 40];
        let length = encode(b"hello", &mut out).unwrap();
        let mut decoder = Decoder::new();
        feed_all(&mut decoder, &[0x00, 0x13]);
        feed_all(&mut decoder, &out[..length]);
        assert_eq!(decoder.next_frame(), Some(&b"hello"[..]));
        assert_eq!(decoder.next_frame(), None);
        assert_eq!(decoder.stats(), DecodeStats { frames: 1, bad_crc: 0, skipped: 2 });
    }

    #[test]
    fn rejects_a_damaged_frame() {
        let mut out = [0u8; 40];
        let length = encode(b"abc", &mut out).unwrap();
        out[3] ^= 0xFF;
        let mut decoder = Decoder::new();
        feed_all(&mut decoder, &out[..length]);
        assert_eq!(decoder.next_frame(), None);
        assert_eq!(decoder.stats().bad_crc, 1);
    }

    #[test]
    fn refuses_what_does_not_fit() {
        assert_eq!(encode(&[0u8; 33], &mut [0u8; 64]), Err(EncodeError::PayloadTooLong));
        assert_eq!(encode(b"abc", &mut [0u8; 8]), Err(EncodeError::OutputTooSmall));
    }
}
