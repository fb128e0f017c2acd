//! The firmware's self-check: known-answer tests of both checksums, and the
//! summary of data/stream.hex worked out by hand from its comments.

use crate::app::Summary;
use crate::crc::crc16;
use crate::fletcher::Fletcher16;
use crate::hdlc::Stats;

/// The catalogue check value of CRC-16/CCITT-FALSE: the CRC of "123456789".
const CRC16_CHECK: (&[u8], u16) = (b"123456789", 0x29B1);
/// The textbook Fletcher-16 example: the checksum of "abcde".
const FLETCHER16_CHECK: (&[u8], u16) = (b"abcde", 0xC8F0);

/// What the workload must compute from data/stream.hex.
const EXPECTED: Summary =
    Summary { good: 6, bad_crc: 1, fletcher: 0x08C9, stats: Stats { noise: 7, escapes: 6, aborted: 1, bad_length: 2 } };

/// Whether every computed result equals its expected constant.
pub fn passed(summary: &Summary) -> bool {
    let crc_ok = crc16(core::hint::black_box(CRC16_CHECK.0)) == CRC16_CHECK.1;
    let mut fletcher = Fletcher16::new();
    fletcher.update(core::hint::black_box(FLETCHER16_CHECK.0));
    let fletcher_ok = fletcher.value() == FLETCHER16_CHECK.1;
    crc_ok && fletcher_ok && *summary == EXPECTED
}
