//! A small stack machine: the commands of the boot script work on its stack, and `emit` moves
//! the top of the stack into its output ring.

use crate::parser::Command;
use crate::ring::Ring;
use crate::totals;

/// How many values the stack holds.
pub const STACK_DEPTH: usize = 4;
/// How many emitted values the output ring keeps.
pub const OUTPUT_CAPACITY: usize = 4;

/// Why the machine refused a command.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum MachineError {
    StackOverflow,
    StackUnderflow,
}

/// The stack and the last emitted values.
pub struct Machine {
    stack: [u32; STACK_DEPTH],
    depth: usize,
    output: Ring<OUTPUT_CAPACITY>,
}

impl Machine {
    /// A machine with an empty stack and no output.
    pub const fn new() -> Self {
        Machine { stack: [0; STACK_DEPTH], depth: 0, output: Ring::new() }
    }

    /// The last `OUTPUT_CAPACITY` emitted values, oldest first.
    pub fn output(&self) -> &Ring<OUTPUT_CAPACITY> {
        &self.output
    }

    /// Carries out `command`; a refused command leaves the stack as it was.
    pub fn execute(&mut self, command: Command) -> Result<(), MachineError> {
        match command {
            Command::Push(value) => self.push(value),
            Command::Add => self.combine_top_two(u32::wrapping_add),
            Command::Mul => self.combine_top_two(u32::wrapping_mul),
            Command::Dup => {
                let top = self.top()?;
                self.push(top)
            }
            Command::Drop => self.pop().map(|_| ()),
            Command::Emit => {
                let value = self.pop()?;
                self.output.push(value);
                totals::digest_output(value);
                Ok(())
            }
        }
    }

    fn push(&mut self, value: u32) -> Result<(), MachineError> {
        if self.depth == STACK_DEPTH {
            return Err(MachineError::StackOverflow); // MARK: stack_overflow
        }
        self.stack[self.depth] = value;
        self.depth += 1;
        Ok(())
    }

    fn top(&self) -> Result<u32, MachineError> {
        if self.depth == 0 {
            return Err(MachineError::StackUnderflow); // MARK: stack_underflow_top
        }
        Ok(self.stack[self.depth - 1])
    }

    fn pop(&mut self) -> Result<u32, MachineError> {
        let value = self.top()?;
        self.depth -= 1;
        Ok(value)
    }

    /// Replaces the top two values `a`, `b` (b on top) by `op(a, b)`.
    fn combine_top_two(&mut self, op: fn(u32, u32) -> u32) -> Result<(), MachineError> {
        if self.depth < 2 {
            return Err(MachineError::StackUnderflow); // MARK: stack_underflow_operands
        }
        self.depth -= 1;
        self.stack[self.depth - 1] = op(self.stack[self.depth - 1], self.stack[self.depth]); // MARK: operation
        Ok(())
    }
}
