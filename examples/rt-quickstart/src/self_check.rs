//! The known answers for data/commands.txt, and the comparison of a run against them.

use core::sync::atomic::Ordering;

use crate::machine::Machine;
use crate::totals::{OUTPUT_DIGEST, TOTALS};

/// The output ring at the end of the script, oldest first.
const EXPECTED_OUTPUT: [u32; 4] = [1024, 256, 42, 0];
/// The Adler-32 of every value the script emits.
const EXPECTED_DIGEST: u32 = 0x0CFF_0093;
/// Lines, skipped lines, executed commands, rejected lines and commands.
const EXPECTED_TOTALS: [u32; 4] = [46, 4, 30, 12];

/// Whether the run of the script, and the boot record read back from RAM, match the known answers.
pub fn passed(machine: &Machine, boot_record_written: &[u32; 4], boot_record_read: &[u32; 4]) -> bool {
    let totals = [
        TOTALS.lines.load(Ordering::Relaxed),
        TOTALS.skipped.load(Ordering::Relaxed),
        TOTALS.executed.load(Ordering::Relaxed),
        TOTALS.rejected.load(Ordering::Relaxed),
    ];
    let output_matches =
        machine.output().len() == EXPECTED_OUTPUT.len() && machine.output().iter().eq(EXPECTED_OUTPUT.iter().copied());
    output_matches
        && totals == EXPECTED_TOTALS
        && OUTPUT_DIGEST.load(Ordering::Relaxed) == EXPECTED_DIGEST
        && boot_record_read == boot_record_written
}
