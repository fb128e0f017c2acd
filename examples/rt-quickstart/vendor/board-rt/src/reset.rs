//! The reset handler: prepares RAM, then calls the program's `main`.

/// The stack-painting loop the reset handler starts with, when the feature is on.
#[cfg(feature = "paint-stack")]
macro_rules! paint_stack {
    () => {
        "movw r0, :lower16:_stack_end
         movt r0, :upper16:_stack_end
         mov r1, sp
         movw r2, #0xcccc
         movt r2, #0xcccc
         2:
         cmp r0, r1
         bhs 3f
         str r2, [r0], #4
         b 2b
         3:"
    };
}

/// Without the feature, the reset handler starts with the .bss loop.
#[cfg(not(feature = "paint-stack"))]
macro_rules! paint_stack {
    () => {
        ""
    };
}

/// Zeroes `.bss`, copies `.data` from flash and calls `main`, in assembly so that no compiled code
/// runs before its statics hold their initial values. With `paint-stack`, first fills the free RAM
/// from `_stack_end` up to the initial stack pointer with 0xCCCCCCCC.
#[allow(non_snake_case)]
#[unsafe(naked)]
#[no_mangle]
#[link_section = ".Reset"]
pub unsafe extern "C" fn Reset() -> ! {
    core::arch::naked_asm!(
        paint_stack!(),
        // .bss: zero every word from __sbss to __ebss.
        "movw r0, :lower16:__sbss",
        "movt r0, :upper16:__sbss",
        "movw r1, :lower16:__ebss",
        "movt r1, :upper16:__ebss",
        "movs r2, #0",
        "4:",
        "cmp r0, r1",
        "bhs 5f",
        "str r2, [r0], #4",
        "b 4b",
        "5:",
        // .data: copy its initial image from __sidata (flash) to __sdata..__edata (RAM).
        "movw r0, :lower16:__sdata",
        "movt r0, :upper16:__sdata",
        "movw r1, :lower16:__edata",
        "movt r1, :upper16:__edata",
        "movw r2, :lower16:__sidata",
        "movt r2, :upper16:__sidata",
        "6:",
        "cmp r0, r1",
        "bhs 7f",
        "ldr r3, [r2], #4",
        "str r3, [r0], #4",
        "b 6b",
        "7:",
        // main never returns; if it does, fault.
        "bl main",
        "udf #0",
    )
}
