//! fw's library: the parts of the firmware that need no hardware, so their unit
//! tests run on the host (`cargo test -p fw --lib`) while the firmware binary
//! (src/main.rs) runs them on the Cortex-M3.
#![cfg_attr(not(test), no_std)]

pub mod telemetry;
