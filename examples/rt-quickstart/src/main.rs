//! rt-quickstart: firmware for the Cortex-M3 of QEMU's lm3s6965evb that runs a boot script on a
//! small stack machine, leaves a boot record at the start of the heap, checks its results against
//! known answers, prints them through semihosting and exits with success or failure.
#![no_std]
#![no_main]

mod adler32;
mod app;
mod boot_record;
mod console;
mod machine;
mod parser;
mod ring;
mod self_check;
mod totals;

use core::fmt::Write;
use core::sync::atomic::Ordering;

use boot_record::Bump;
use console::Console;
use totals::{OUTPUT_DIGEST, TOTALS};

/// The boot script, compiled into flash.
static SCRIPT: &[u8] = include_bytes!("../data/commands.txt");

board_rt::entry!(main);

/// Runs the script, writes and reads back the boot record, reports and exits.
fn main() -> ! {
    let machine = app::run(core::hint::black_box(SCRIPT));
    let lines = TOTALS.lines.load(Ordering::Relaxed);
    let digest = OUTPUT_DIGEST.load(Ordering::Relaxed);

    let mut heap = Bump::new(board_rt::heap_start());
    let written = boot_record::record(lines, digest);
    let at = boot_record::store(&mut heap, &written);
    let read_back = boot_record::load(at);

    let mut console = Console::new();
    let _ = write!(
        console,
        "rt-quickstart: {} lines, {} commands run, {} rejected, digest {:#010x}\noutput:",
        lines,
        TOTALS.executed.load(Ordering::Relaxed),
        TOTALS.rejected.load(Ordering::Relaxed),
        digest,
    );
    for value in machine.output().iter() {
        let _ = write!(console, " {}", value);
    }
    let passed = self_check::passed(&machine, &written, &read_back);
    let verdict = if passed { "passed" } else { "FAILED" };
    let _ = writeln!(console, "\nself-check {}", verdict); // MARK: main_report
    console.flush();
    board_rt::debug::exit(passed)
}

/// A panic ends the run as a failure.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    board_rt::debug::exit(false)
}
