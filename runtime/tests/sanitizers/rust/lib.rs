//! Scenarios over the minicov crate's API for the sanitized host harness
//! (../c/harness.h): a writer failing at each call in turn, two captures in a
//! row, a capture after `reset_coverage`, a buffer one byte short and then
//! exact, and (with `--cfg harness_value_pool`) a value pool too small.
//! Buffers come from the C heap at their exact size, so AddressSanitizer sees
//! any byte written or read past them.
#![no_std]

use core::ffi::{c_char, c_int, c_void, CStr};
use core::sync::atomic::{AtomicU64, Ordering};

use minicov::{ByteSinkWriter, CaptureError, CoverageWriteError, CoverageWriter, SliceWriter};

extern "C" {
    fn harness_fact(key: *const c_char, value: u64);
    fn harness_save(name: *const c_char, data: *const u8, len: usize) -> c_int;
    fn malloc(size: usize) -> *mut c_void;
    fn free(block: *mut c_void);
    fn abort() -> !;
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    fact(c"panicked", 1);
    unsafe { abort() }
}

// The precompiled `core` refers to an unwinding personality; nothing unwinds
// here (panic = abort).
#[no_mangle]
extern "C" fn rust_eh_personality() {}

fn fact(key: &CStr, value: u64) {
    unsafe { harness_fact(key.as_ptr(), value) }
}

fn save(name: &CStr, data: &[u8]) {
    if unsafe { harness_save(name.as_ptr(), data.as_ptr(), data.len()) } != 0 {
        fact(c"save_failed", 1);
    }
}

/// A zeroed block of exactly `len` bytes on the C heap, freed on drop.
struct HeapBlock {
    ptr: *mut u8,
    len: usize,
}

impl HeapBlock {
    fn new(len: usize) -> HeapBlock {
        let ptr = unsafe { malloc(len.max(1)) } as *mut u8;
        if ptr.is_null() {
            panic!("out of memory");
        }
        unsafe { ptr.write_bytes(0, len) };
        HeapBlock { ptr, len }
    }

    fn bytes(&mut self) -> &mut [u8] {
        unsafe { core::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for HeapBlock {
    fn drop(&mut self) {
        unsafe { free(self.ptr as *mut c_void) }
    }
}

/// Every capture call the scenarios made.
static CAPTURES: AtomicU64 = AtomicU64::new(0);

fn counted<T>(capture: impl FnOnce() -> T) -> T {
    CAPTURES.fetch_add(1, Ordering::Relaxed);
    capture()
}

/// Captures into a heap block of exactly `coverage_size()` bytes.
fn capture_exact() -> Option<HeapBlock> {
    let mut block = HeapBlock::new(minicov::coverage_size());
    match counted(|| unsafe { minicov::capture_coverage_to_buffer(block.bytes()) }) {
        Ok(written) if written == block.len => Some(block),
        _ => None,
    }
}

fn same(a: &mut Option<HeapBlock>, b: &mut Option<HeapBlock>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.bytes() == b.bytes(),
        _ => false,
    }
}

/// Accepts `allowed` pieces (each copied into a heap block of its size), then fails.
struct FailingWriter {
    allowed: u64,
    attempts: u64,
}

impl CoverageWriter for FailingWriter {
    fn write(&mut self, data: &[u8]) -> Result<(), CoverageWriteError> {
        self.attempts += 1;
        if self.attempts > self.allowed {
            return Err(CoverageWriteError);
        }
        HeapBlock::new(data.len()).bytes().copy_from_slice(data);
        Ok(())
    }
}

fn fail_every_call() -> c_int {
    harness_workload();
    let mut before = capture_exact();
    let mut counter = FailingWriter { allowed: u64::MAX, attempts: 0 };
    if counted(|| unsafe { minicov::capture_coverage(&mut counter) }).is_err() {
        return 1;
    }
    let mut wrong = 0;
    for allowed in 0..counter.attempts {
        let mut writer = FailingWriter { allowed, attempts: 0 };
        let result = counted(|| unsafe { minicov::try_capture_coverage(&mut writer) });
        // The capture must fail as a write error, and no call may follow the failing one.
        if result != Err(CaptureError::Write) || writer.attempts != allowed + 1 {
            wrong += 1;
        }
    }
    let mut after = capture_exact();
    fact(c"writer_calls", counter.attempts);
    fact(c"wrong_results", wrong);
    fact(c"same_after_failures", same(&mut before, &mut after) as u64);
    if let Some(after) = after.as_mut() {
        save(c"after-failures.profraw", after.bytes());
    }
    0
}

fn capture_twice() -> c_int {
    harness_workload();
    let mut first = capture_exact();
    let mut second = capture_exact();
    let (Some(first_block), Some(second_block)) = (first.as_mut(), second.as_mut()) else { return 1 };
    // A third capture, one byte at a time, must give the same bytes.
    let mut bytes = HeapBlock::new(first_block.len);
    let mut at = 0;
    let streamed = counted(|| {
        let buffer = bytes.bytes();
        let mut sink = ByteSinkWriter::new(|b| {
            *buffer.get_mut(at).ok_or(CoverageWriteError)? = b;
            at += 1;
            Ok(())
        });
        unsafe { minicov::capture_coverage(&mut sink) }
    });
    fact(c"size", first_block.len as u64);
    fact(c"byte_sink_same", (streamed.is_ok() && at == bytes.len && bytes.bytes() == first_block.bytes()) as u64);
    save(c"first.profraw", first_block.bytes());
    save(c"second.profraw", second_block.bytes());
    fact(c"identical", same(&mut first, &mut second) as u64);
    0
}

fn capture_after_reset() -> c_int {
    harness_workload();
    let mut ran = capture_exact();
    minicov::reset_coverage();
    let mut reset = capture_exact();
    harness_workload();
    let mut again = capture_exact();
    fact(c"same_after_rerun", same(&mut ran, &mut again) as u64);
    let (Some(ran), Some(reset), Some(again)) = (ran.as_mut(), reset.as_mut(), again.as_mut()) else { return 1 };
    save(c"ran.profraw", ran.bytes());
    save(c"reset.profraw", reset.bytes());
    save(c"ran-again.profraw", again.bytes());
    0
}

fn buffer_one_short() -> c_int {
    harness_workload();
    let size = minicov::coverage_size();
    let mut short = HeapBlock::new(size - 1);
    match counted(|| unsafe { minicov::capture_coverage_to_buffer(short.bytes()) }) {
        Err(CaptureError::BufferTooSmall { needed, available }) => {
            fact(c"needed", needed as u64);
            fact(c"available", available as u64);
        }
        _ => fact(c"short_not_reported", 1),
    }
    // A SliceWriter on the short buffer refuses the piece that does not fit.
    let mut writer = SliceWriter::new(short.bytes());
    let refused = counted(|| unsafe { minicov::capture_coverage(&mut writer) }).is_err();
    fact(c"short_refused", refused as u64);
    fact(c"short_filled", writer.len() as u64);
    let mut exact = HeapBlock::new(size);
    match counted(|| unsafe { minicov::capture_coverage_to_buffer(exact.bytes()) }) {
        Ok(written) => {
            fact(c"size", size as u64);
            fact(c"exact_filled", written as u64);
            save(c"exact.profraw", &exact.bytes()[..written]);
        }
        Err(_) => fact(c"exact_failed", 1),
    }
    0
}

#[cfg(harness_value_pool)]
fn pool_too_small() -> c_int {
    extern "C" {
        fn minicov_value_pool_capacity() -> usize;
        fn minicov_value_pool_used() -> usize;
        fn minicov_value_pool_dropped() -> u32;
    }
    harness_workload();
    unsafe {
        fact(c"pool_capacity", minicov_value_pool_capacity() as u64);
        fact(c"pool_used", minicov_value_pool_used() as u64);
        fact(c"values_dropped", minicov_value_pool_dropped() as u64);
    }
    let Some(mut profile) = capture_exact() else { return 1 };
    save(c"small-pool.profraw", profile.bytes());
    0
}

/// A deliberate read past a stack array: the run must end in a report.
fn canary_stack_overflow() -> c_int {
    let bytes = [1u8, 2, 3, 4];
    let past_end = core::hint::black_box(bytes.len());
    let value = unsafe { core::hint::black_box(bytes.as_ptr()).add(past_end).read_volatile() };
    fact(c"read", value as u64);
    0
}

/// Runs the Rust workload once (instrumented).
#[no_mangle]
pub extern "C" fn harness_workload() -> u64 {
    core::hint::black_box(reference_workload::run())
}

/// Runs the scenario called `name` (../c/harness.h).
///
/// # Safety
///
/// `name` points to a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn harness_run(name: *const c_char) -> c_int {
    let status = match CStr::from_ptr(name).to_bytes() {
        b"fail-every-call" => fail_every_call(),
        b"capture-twice" => capture_twice(),
        b"capture-after-reset" => capture_after_reset(),
        b"buffer-one-short" => buffer_one_short(),
        #[cfg(harness_value_pool)]
        b"pool-too-small" => pool_too_small(),
        b"canary-stack-overflow" => canary_stack_overflow(),
        _ => return 2,
    };
    fact(c"captures", CAPTURES.load(Ordering::Relaxed));
    status
}
