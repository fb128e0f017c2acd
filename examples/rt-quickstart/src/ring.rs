//! A fixed-capacity ring buffer of words that overwrites its oldest word when full.

/// Up to `N` words, oldest first.
pub struct Ring<const N: usize> {
    slots: [u32; N],
    oldest: usize,
    len: usize,
}

impl<const N: usize> Ring<N> {
    /// An empty ring.
    pub const fn new() -> Self {
        Ring { slots: [0; N], oldest: 0, len: 0 }
    }

    /// Appends `value`, dropping the oldest word if the ring is full.
    pub fn push(&mut self, value: u32) {
        if self.len == N {
            self.slots[self.oldest] = value; // MARK: ring_overwrite
            self.oldest = (self.oldest + 1) % N;
        } else {
            self.slots[(self.oldest + self.len) % N] = value;
            self.len += 1;
        }
    }

    /// How many words the ring holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The words, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(move |i| self.slots[(self.oldest + i) % N])
    }
}
