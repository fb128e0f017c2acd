//! Q16.16 fixed point: 16 integer bits, 16 fraction bits, saturating at the
//! ends of the range instead of wrapping.
#![cfg_attr(not(test), no_std)]

/// A Q16.16 number.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Q16(pub i32);

impl Q16 {
    pub const ONE: Q16 = Q16(1 << 16);

    /// `whole + thousandths / 1000`, e.g. `Q16::from_milli(21_500)` is 21.5.
    pub const fn from_milli(milli: i32) -> Q16 {
        Q16(((milli as i64 * 65_536) / 1000) as i32)
    }

    /// The value in thousandths, rounded toward zero.
    pub const fn to_milli(self) -> i32 {
        ((self.0 as i64 * 1000) / 65_536) as i32
    }

    /// Saturating addition.
    #[allow(clippy::should_implement_trait)] // saturating, unlike what `Add` means for integers
    pub fn add(self, other: Q16) -> Q16 {
        Q16(self.0.saturating_add(other.0))
    }

    /// Saturating multiplication.
    #[allow(clippy::should_implement_trait)] // saturating, unlike what `Mul` means for integers
    pub fn mul(self, other: Q16) -> Q16 {
        Q16(clamp((i64::from(self.0) * i64::from(other.0)) >> 16))
    }

    /// Saturating division; dividing by zero gives the extreme with the dividend's sign.
    #[allow(clippy::should_implement_trait)] // saturating, unlike what `Div` means for integers
    pub fn div(self, other: Q16) -> Q16 {
        if other.0 == 0 {
            return if self.0 < 0 { Q16(i32::MIN) } else { Q16(i32::MAX) };
        }
        Q16(clamp((i64::from(self.0) << 16) / i64::from(other.0)))
    }
}

fn clamp(value: i64) -> i32 {
    if value > i64::from(i32::MAX) {
        i32::MAX
    } else if value < i64::from(i32::MIN) {
        i32::MIN
    } else {
        value as i32
    }
}

#[cfg(test)]
mod tests {
    use super::Q16;

    #[test]
    fn converts_and_computes() {
        let a = Q16::from_milli(1_500);
        let b = Q16::from_milli(2_000);
        assert_eq!(a.mul(b).to_milli(), 3_000);
        assert_eq!(b.div(a).to_milli(), 1_333);
        assert_eq!(a.add(b).to_milli(), 3_500);
    }

    #[test]
    fn saturates_instead_of_wrapping() {
        let big = Q16::from_milli(30_000_000);
        assert_eq!(big.mul(big), Q16(i32::MAX));
        assert_eq!(Q16::ONE.div(Q16(0)), Q16(i32::MAX));
        assert_eq!(Q16(-1).div(Q16(0)), Q16(i32::MIN));
    }
}
