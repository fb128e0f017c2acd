//! Running the boot script: each line parsed, each command carried out, every outcome counted.

use crate::machine::Machine;
use crate::parser::{parse_line, Lines};
use crate::totals::{bump, TOTALS};

/// Runs every line of `script` on a fresh machine and returns the machine.
pub fn run(script: &[u8]) -> Machine {
    let mut machine = Machine::new();
    for line in Lines::new(script) {
        bump(&TOTALS.lines);
        match parse_line(line) {
            Ok(Some(command)) => match machine.execute(command) {
                Ok(()) => {
                    bump(&TOTALS.executed); // MARK: app_executed
                }
                Err(_) => {
                    bump(&TOTALS.rejected); // MARK: app_refused
                }
            },
            Ok(None) => {
                bump(&TOTALS.skipped); // MARK: app_skipped
            }
            Err(_) => {
                bump(&TOTALS.rejected); // MARK: app_invalid
            }
        }
    }
    machine
}
