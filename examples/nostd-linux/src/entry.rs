//! The process entry point: reads argc/argv from the initial stack.

use core::ffi::{c_char, CStr};

/// The command-line arguments of the process.
pub struct Args {
    argc: usize,
    argv: *const *const c_char,
}

impl Args {
    /// Argument `index` (0 is the program), if present.
    pub fn get(&self, index: usize) -> Option<&CStr> {
        if index >= self.argc {
            return None;
        }
        unsafe { Some(CStr::from_ptr(*self.argv.add(index))) }
    }
}

extern "Rust" {
    fn app_main(args: &Args) -> i32;
}

// The kernel enters with argc at [rsp], argv after it, the stack 16-byte
// aligned and no return address: align, pass the stack pointer, never return.
core::arch::global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "mov rdi, rsp",
    "and rsp, -16",
    "call nostd_linux_start",
    "ud2"
);

#[no_mangle]
unsafe extern "C" fn nostd_linux_start(stack: *const usize) -> ! {
    let args = Args { argc: *stack, argv: stack.add(1) as *const *const c_char };
    crate::exit(app_main(&args) as usize)
}
