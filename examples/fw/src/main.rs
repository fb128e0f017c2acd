//! fw: firmware for the Cortex-M3 of QEMU's lm3s6965evb that decodes a byte
//! stream (Rust state machine, C CRC-16, Rust Fletcher-16), checks its results
//! against known constants, decodes a telemetry log (the load PGO trains on), reads
//! a simulated sensor through the workspace's driver library, writes its own coverage profile to the host
//! through semihosting, and exits with a status that says how it went.
#![no_std]
#![no_main]

mod app;
mod crc;
mod exit;
mod fletcher;
mod hdlc;
mod panic;
mod profile;
mod self_check;
mod sensor;
mod stream;
mod vectors;

use exit::ExitCode;

/// The program, entered from the reset handler once RAM is initialised.
#[no_mangle]
extern "C" fn fw_main() -> ! {
    let summary = app::run(core::hint::black_box(&stream::STREAM));
    core::hint::black_box(fw::telemetry::run());
    let passed = self_check::passed(&summary) && sensor::run();
    // Instrumented builds write their profile here; in plain and PGO-optimized builds the call does
    // nothing. Made in every build, so fw_main's control flow is the same in all and PGO matches it.
    profile::write_or_exit(); // MARK: main_write_profile
    exit::exit(if passed { ExitCode::Success } else { ExitCode::SelfCheckFailed })
}
