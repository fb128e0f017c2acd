//! A temperature sensor that sends frames (see `codec`) holding a record
//! type and a big-endian raw reading; the driver turns raw readings into
//! degrees Celsius with the sensor's calibration (gain and offset).
#![cfg_attr(not(test), no_std)]

use codec::Decoder;
use fixedpoint::Q16;

/// Record type of a temperature reading.
pub const RECORD_TEMPERATURE: u8 = 0x01;
/// Record type of a status report (ignored by the driver).
pub const RECORD_STATUS: u8 = 0x02;

/// The sensor's calibration: degrees = raw * gain + offset.
#[derive(Copy, Clone, Debug)]
pub struct Calibration {
    pub gain: Q16,
    pub offset: Q16,
}

/// The driver: bytes in, temperatures out.
pub struct Sensor {
    decoder: Decoder,
    calibration: Calibration,
    ignored: u32,
}

impl Sensor {
    /// A driver for a sensor with `calibration`.
    pub const fn new(calibration: Calibration) -> Self {
        Self { decoder: Decoder::new(), calibration, ignored: 0 }
    }

    /// Takes one byte from the sensor's line.
    pub fn receive(&mut self, byte: u8) {
        self.decoder.feed(byte);
    }

    /// Frames that were not temperature readings, or had the wrong size.
    pub fn ignored(&self) -> u32 {
        self.ignored
    }

    /// The next temperature among the received frames, if any.
    pub fn next_temperature(&mut self) -> Option<Q16> {
        while let Some(frame) = self.decoder.next_frame() {
            match frame {
                [RECORD_TEMPERATURE, high, low] => {
                    let raw = Q16(i32::from(i16::from_be_bytes([*high, *low])) << 16);
                    return Some(raw.mul(self.calibration.gain).add(self.calibration.offset));
                }
                _ => self.ignored += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codec::encode;

    fn send(sensor: &mut Sensor, payload: &[u8]) {
        let mut frame = [0u8; 40];
        let length = encode(payload, &mut frame).unwrap();
        for &byte in &frame[..length] {
            sensor.receive(byte);
        }
    }

    #[test]
    fn converts_readings_and_ignores_other_records() {
        let mut sensor = Sensor::new(Calibration { gain: Q16::from_milli(500), offset: Q16::from_milli(-10_000) });
        send(&mut sensor, &[RECORD_STATUS, 0x00]);
        send(&mut sensor, &[RECORD_TEMPERATURE, 0x00, 0x40]);
        assert_eq!(sensor.next_temperature().map(Q16::to_milli), Some(22_000));
        assert_eq!(sensor.next_temperature(), None);
        assert_eq!(sensor.ignored(), 1);
    }
}
