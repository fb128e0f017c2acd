//! The sensor path of the firmware, built from the workspace's libraries: frames
//! encoded with `codec` arrive byte by byte at the `driver`, which converts the
//! readings to degrees with `fixedpoint` arithmetic.

use codec::encode;
use driver::{Calibration, Sensor, RECORD_STATUS, RECORD_TEMPERATURE};
use fixedpoint::Q16;

/// Raw readings the simulated sensor sends, between status reports.
const RAW: [i16; 4] = [64, 60, 70, 58];

/// Sends the readings through the driver and checks their mean: 0.5 * 63 - 10 = 21.5 degrees.
pub fn run() -> bool {
    let mut sensor = Sensor::new(Calibration { gain: Q16::from_milli(500), offset: Q16::from_milli(-10_000) });
    let mut frame = [0u8; 40];
    let (mut sum, mut count) = (Q16(0), 0);
    for raw in RAW {
        for payload in [&[RECORD_STATUS, 0][..], &[RECORD_TEMPERATURE, (raw >> 8) as u8, raw as u8][..]] {
            let Ok(length) = encode(payload, &mut frame) else { return false };
            for &byte in &frame[..length] {
                sensor.receive(byte);
            }
            // Read what arrived before the driver's 64-byte buffer could overflow.
            while let Some(degrees) = sensor.next_temperature() {
                sum = sum.add(degrees);
                count += 1;
            }
        }
    }
    count == RAW.len() && sensor.ignored() == RAW.len() as u32 && sum.div(Q16::from_milli(4_000)).to_milli() == 21_500
}
