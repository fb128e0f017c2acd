//! The boot record: a few words the firmware leaves at the start of the heap, handed out the way
//! a bump allocator hands out memory, and read back to check the RAM holds them.

/// The first word of a boot record.
pub const MAGIC: u32 = 0xB007_5EED;

/// Hands out words of free RAM upwards from a start address, never taking them back.
pub struct Bump {
    next: *mut u32,
}

impl Bump {
    /// An allocator whose first word is `start`.
    pub fn new(start: *mut u32) -> Self {
        Bump { next: start }
    }

    /// `words` consecutive words, 4-byte aligned.
    pub fn allocate(&mut self, words: usize) -> *mut u32 {
        let block = self.next;
        self.next = self.next.wrapping_add(words);
        block
    }
}

/// What the record says: the magic word, the script's line count, the output digest, and the
/// complement of the magic word.
pub fn record(lines: u32, digest: u32) -> [u32; 4] {
    [MAGIC, lines, digest, !MAGIC]
}

/// Writes `record` into RAM taken from `heap`; returns where it is.
pub fn store(heap: &mut Bump, record: &[u32; 4]) -> *mut u32 {
    let at = heap.allocate(record.len());
    for (i, &word) in record.iter().enumerate() {
        unsafe { at.add(i).write_volatile(word) };
    }
    at
}

/// Reads the 4-word record at `at` back from RAM.
pub fn load(at: *const u32) -> [u32; 4] {
    core::array::from_fn(|i| unsafe { at.add(i).read_volatile() })
}
