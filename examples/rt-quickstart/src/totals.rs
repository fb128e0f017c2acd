//! What a run leaves in RAM for a debugger to read: line and command counts, and the digest of
//! everything the machine emitted.

use core::sync::atomic::{AtomicU32, Ordering};

use crate::adler32;

/// Counts of one run: all zero at reset.
pub struct Totals {
    /// Lines of the script.
    pub lines: AtomicU32,
    /// Blank and comment lines.
    pub skipped: AtomicU32,
    /// Commands the machine carried out.
    pub executed: AtomicU32,
    /// Lines that did not parse, and commands the machine refused.
    pub rejected: AtomicU32,
}

/// This run's counts.
pub static TOTALS: Totals = Totals {
    lines: AtomicU32::new(0),
    skipped: AtomicU32::new(0),
    executed: AtomicU32::new(0),
    rejected: AtomicU32::new(0),
};

/// The Adler-32 of every value emitted so far, each as 4 little-endian bytes.
pub static OUTPUT_DIGEST: AtomicU32 = AtomicU32::new(adler32::INITIAL);

/// Adds one to `counter`.
pub fn bump(counter: &AtomicU32) {
    counter.store(counter.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

/// Folds an emitted `value` into `OUTPUT_DIGEST`.
pub fn digest_output(value: u32) {
    let digest = adler32::update(OUTPUT_DIGEST.load(Ordering::Relaxed), &value.to_le_bytes());
    OUTPUT_DIGEST.store(digest, Ordering::Relaxed);
}
