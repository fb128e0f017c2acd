//! The vector table: the reset vector and the system exceptions, NMI to SysTick.

use crate::reset::Reset;

/// The reset vector, the word after the initial stack pointer.
#[doc(hidden)]
#[no_mangle]
#[link_section = ".vector_table.reset_vector"]
pub static __RESET_VECTOR: unsafe extern "C" fn() -> ! = Reset;

/// One exception-table slot: a handler, or zero for a reserved exception number.
#[doc(hidden)]
#[repr(C)]
pub union Vector {
    handler: unsafe extern "C" fn(),
    reserved: usize,
}

// Handlers the program may define; link.x points the ones it does not define at DefaultHandler.
extern "C" {
    fn NonMaskableInt();
    fn HardFault();
    fn MemoryManagement();
    fn BusFault();
    fn UsageFault();
    fn SVCall();
    fn DebugMonitor();
    fn PendSV();
    fn SysTick();
}

/// Exceptions 2 to 15 of ARMv7-M.
#[doc(hidden)]
#[no_mangle]
#[link_section = ".vector_table.exceptions"]
pub static __EXCEPTIONS: [Vector; 14] = [
    Vector { handler: NonMaskableInt },
    Vector { handler: HardFault },
    Vector { handler: MemoryManagement },
    Vector { handler: BusFault },
    Vector { handler: UsageFault },
    Vector { reserved: 0 },
    Vector { reserved: 0 },
    Vector { reserved: 0 },
    Vector { reserved: 0 },
    Vector { handler: SVCall },
    Vector { handler: DebugMonitor },
    Vector { reserved: 0 },
    Vector { handler: PendSV },
    Vector { handler: SysTick },
];

/// The handler of every exception the program has no handler for: ends the run with status 3.
#[doc(hidden)]
#[no_mangle]
pub unsafe extern "C" fn DefaultHandler_() -> ! {
    crate::debug::exit_with_status(crate::debug::EXCEPTION_STATUS)
}

/// The HardFault handler unless the program defines `HardFault`: ends the run with status 3.
#[doc(hidden)]
#[no_mangle]
#[link_section = ".HardFault.default"]
pub unsafe extern "C" fn HardFault_() -> ! {
    crate::debug::exit_with_status(crate::debug::EXCEPTION_STATUS)
}
