//! A fixed-capacity ring buffer that never allocates: `push` refuses when
//! full, `pop` returns the oldest byte, `overwrite` drops the oldest to make room.
#![cfg_attr(not(test), no_std)]

/// A ring of `N` bytes.
pub struct RingBuf<const N: usize> {
    bytes: [u8; N],
    head: usize,
    len: usize,
}

impl<const N: usize> RingBuf<N> {
    /// An empty ring.
    pub const fn new() -> Self {
        Self { bytes: [0; N], head: 0, len: 0 }
    }

    /// How many bytes are waiting.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no byte is waiting.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `byte`; gives it back when the ring is full.
    pub fn push(&mut self, byte: u8) -> Result<(), u8> {
        if self.len == N {
            return Err(byte);
        }
        self.bytes[(self.head + self.len) % N] = byte;
        self.len += 1;
        Ok(())
    }

    /// Appends `byte`, dropping the oldest byte if the ring is full; returns the dropped byte.
    pub fn overwrite(&mut self, byte: u8) -> Option<u8> {
        let dropped = if self.len == N { self.pop() } else { None };
        let _ = self.push(byte);
        dropped
    }

    /// Removes and returns the oldest byte.
    pub fn pop(&mut self) -> Option<u8> {
        if self.len == 0 {
            return None;
        }
        let byte = self.bytes[self.head];
        self.head = (self.head + 1) % N;
        self.len -= 1;
        Some(byte)
    }
}

impl<const N: usize> Default for RingBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::RingBuf;

    #[test]
    fn keeps_order_and_refuses_when_full() {
        let mut ring = RingBuf::<3>::new();
        assert_eq!(ring.push(1), Ok(()));
        assert_eq!(ring.push(2), Ok(()));
        assert_eq!(ring.push(3), Ok(()));
        assert_eq!(ring.push(4), Err(4));
        assert_eq!(ring.pop(), Some(1));
        assert_eq!(ring.push(4), Ok(()));
        assert_eq!([ring.pop(), ring.pop(), ring.pop(), ring.pop()], [Some(2), Some(3), Some(4), None]);
        assert!(ring.is_empty());
    }

    #[test]
    fn overwrite_drops_the_oldest() {
        let mut ring = RingBuf::<2>::new();
        assert_eq!(ring.overwrite(1), None);
        assert_eq!(ring.overwrite(2), None);
        assert_eq!(ring.overwrite(3), Some(1));
        assert_eq!(ring.len(), 2);
    }
}
