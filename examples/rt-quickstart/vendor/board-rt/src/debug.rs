//! Ending the program under the debug host, which turns the status into its own exit status.

use crate::semihosting::{
    call, ADP_STOPPED_APPLICATION_EXIT, ADP_STOPPED_INTERNAL_ERROR, SYS_EXIT, SYS_EXIT_EXTENDED,
};

/// The exit status of a run that ended in an exception handler.
pub(crate) const EXCEPTION_STATUS: u32 = 3;

/// Ends the program: exit status 0 when `success`, 1 otherwise.
pub fn exit(success: bool) -> ! {
    exit_with_status(if success { 0 } else { 1 })
}

/// Ends the program with `status` as the host's exit status.
pub(crate) fn exit_with_status(status: u32) -> ! {
    let block = [ADP_STOPPED_APPLICATION_EXIT, status as usize];
    unsafe { call(SYS_EXIT_EXTENDED, block.as_ptr() as usize) };
    // A host without SYS_EXIT_EXTENDED returns: its plain exit only tells success from failure.
    let reason = if status == 0 { ADP_STOPPED_APPLICATION_EXIT } else { ADP_STOPPED_INTERNAL_ERROR };
    unsafe { call(SYS_EXIT, reason) };
    loop {
        core::hint::spin_loop();
    }
}
