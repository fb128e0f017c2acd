//! Where free RAM starts, for a heap or any allocator the program brings.

/// The 4-byte aligned address of `__sheap`, the first word after `.bss` and `.uninit`.
pub fn heap_start() -> *mut u32 {
    extern "C" {
        static mut __sheap: u32;
    }
    #[allow(unused_unsafe)]
    unsafe {
        &raw mut __sheap
    }
}
