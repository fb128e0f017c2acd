//! The vector table, the reset handler and the fault handlers.
//!
//! fw.ld puts the initial stack pointer at 0x0 and `FW_EXCEPTIONS` right after
//! it. No interrupt is ever enabled, so the table stops after SysTick.

use crate::exit::{exit, ExitCode};

type Handler = unsafe extern "C" fn() -> !;

/// Exception vectors 1 to 15 (reset to SysTick); `None` marks reserved slots.
#[used]
#[no_mangle]
#[link_section = ".vector_table.exceptions"]
static FW_EXCEPTIONS: [Option<Handler>; 15] = [
    Some(fw_reset),
    Some(unexpected_exception), // NMI
    Some(hard_fault),
    Some(unexpected_exception), // MemManage
    Some(unexpected_exception), // BusFault
    Some(unexpected_exception), // UsageFault
    None,
    None,
    None,
    None,
    Some(unexpected_exception), // SVCall
    Some(unexpected_exception), // DebugMonitor
    None,
    Some(unexpected_exception), // PendSV
    Some(unexpected_exception), // SysTick
];

/// Copies .data from flash, zeroes the counters, the bitmap and .bss, then
/// calls `fw_main`. Naked, so no Rust code (and no coverage counter) runs
/// before RAM is initialised.
#[unsafe(naked)]
#[no_mangle]
unsafe extern "C" fn fw_reset() -> ! {
    core::arch::naked_asm!(
        "movw r0, :lower16:__data_start",
        "movt r0, :upper16:__data_start",
        "movw r1, :lower16:__data_end",
        "movt r1, :upper16:__data_end",
        "movw r2, :lower16:__data_load",
        "movt r2, :upper16:__data_load",
        "1:",
        "cmp r0, r1",
        "bhs 2f",
        "ldr r3, [r2], #4",
        "str r3, [r0], #4",
        "b 1b",
        "2:",
        "movw r0, :lower16:__zero_start",
        "movt r0, :upper16:__zero_start",
        "movw r1, :lower16:__zero_end",
        "movt r1, :upper16:__zero_end",
        "movs r2, #0",
        "3:",
        "cmp r0, r1",
        "bhs 4f",
        "str r2, [r0], #4",
        "b 3b",
        "4:",
        "bl fw_main",
        "udf #0",
    )
}

/// HardFault: ends the run with its own status.
unsafe extern "C" fn hard_fault() -> ! {
    exit(ExitCode::HardFault)
}

/// Any other exception: none is expected, so it ends the run.
unsafe extern "C" fn unexpected_exception() -> ! {
    exit(ExitCode::UnexpectedException)
}
