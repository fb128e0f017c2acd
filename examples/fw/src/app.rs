//! The workload: decode a stream, check each frame's CRC with the C module,
//! and checksum the payloads of the good frames.

use crate::crc::crc16;
use crate::fletcher::Fletcher16;
use crate::hdlc::{Decoder, Stats};

/// Everything the workload computes from a stream.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Frames whose CRC matched.
    pub good: u32,
    /// Complete frames whose CRC did not match.
    pub bad_crc: u32,
    /// Fletcher-16 over the payloads of the good frames, in order.
    pub fletcher: u16,
    /// The decoder's own counts.
    pub stats: Stats,
}

/// Decodes `stream` and summarises its frames.
pub fn run(stream: &[u8]) -> Summary {
    let mut decoder = Decoder::new();
    let mut checksum = Fletcher16::new();
    let (mut good, mut bad_crc) = (0, 0);
    for &byte in stream {
        let Some(frame) = decoder.push(byte) else { continue };
        if crc16(frame.payload) == frame.crc {
            good += 1; // MARK: app_frame_good
            checksum.update(frame.payload);
        } else {
            bad_crc += 1; // MARK: app_frame_bad_crc
        }
    }
    Summary { good, bad_crc, fletcher: checksum.value(), stats: decoder.stats() }
}
