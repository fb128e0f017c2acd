//! Fletcher-16 checksum, reduced with a conditional subtraction per byte.

/// A running Fletcher-16 checksum.
pub struct Fletcher16 {
    sum1: u16,
    sum2: u16,
}

impl Fletcher16 {
    /// A checksum over no bytes yet.
    pub const fn new() -> Self {
        Fletcher16 { sum1: 0, sum2: 0 }
    }

    /// Adds `data` to the checksum.
    pub fn update(&mut self, data: &[u8]) {
        for &byte in data {
            // Both sums stay below 255, so one subtraction reduces each modulo 255.
            self.sum1 += u16::from(byte);
            if self.sum1 >= 255 {
                self.sum1 -= 255; // MARK: fletcher_wrap1
            }
            self.sum2 += self.sum1;
            if self.sum2 >= 255 {
                self.sum2 -= 255; // MARK: fletcher_wrap2
            }
        }
    }

    /// The checksum of everything added so far.
    pub fn value(&self) -> u16 {
        (self.sum2 << 8) | self.sum1
    }
}
