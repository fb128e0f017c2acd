//! Code under test for the reference comparison: branches, loops, indirect
//! calls through function pointers and trait objects, and copies whose size is
//! only known at run time (so IR PGO profiles call targets and memop sizes).
#![no_std]

use core::hint::black_box;

// Plain `%`: `is_multiple_of` would be a core function instantiated (and IR-instrumented) here, changing the profile.
#[allow(clippy::manual_is_multiple_of)]
#[inline(never)]
fn classify(n: u64) -> u32 {
    if n % 15 == 0 {
        3
    } else if n % 5 == 0 {
        2
    } else if n % 3 == 0 {
        1
    } else {
        0
    }
}

#[inline(never)]
fn double(x: u64) -> u64 {
    x * 2
}

#[inline(never)]
fn square(x: u64) -> u64 {
    x * x
}

#[inline(never)]
fn halve(x: u64) -> u64 {
    x / 2
}

trait Shape {
    fn area(&self) -> u64;
}

struct Square(u64);
struct Rect(u64, u64);

impl Shape for Square {
    #[inline(never)]
    fn area(&self) -> u64 {
        self.0 * self.0
    }
}

impl Shape for Rect {
    #[inline(never)]
    fn area(&self) -> u64 {
        self.0 * self.1
    }
}

const SOURCE: [u8; 160] = {
    let mut bytes = [0u8; 160];
    let mut i = 0;
    while i < bytes.len() {
        bytes[i] = (i * 7 + 3) as u8;
        i += 1;
    }
    bytes
};

#[inline(never)]
fn copy_sizes(scratch: &mut [u8; 160]) -> u64 {
    let mut sum = 0;
    for &len in &[3usize, 3, 3, 17, 64, 100, 5, 3, 150, 17] {
        let len = black_box(len);
        scratch[..len].copy_from_slice(&SOURCE[..len]);
        sum += scratch[len - 1] as u64;
    }
    sum
}

#[cfg(feature = "with-c")]
extern "C" {
    fn c_workload(rounds: u32) -> u64;
}

/// Runs every kind of code above a fixed number of times; returns a checksum.
pub fn run() -> u64 {
    let mut acc = 0u64;
    for i in 0..100 {
        acc += classify(i) as u64;
    }
    let ops: [fn(u64) -> u64; 3] = [double, square, halve];
    for i in 0..30u64 {
        // Skewed: double 20 times, square 7 times, halve 3 times.
        let pick = if i < 20 {
            0
        } else if i < 27 {
            1
        } else {
            2
        };
        acc = acc.wrapping_add(black_box(ops[pick])(i));
    }
    let square_shape = Square(3);
    let rect_shape = Rect(2, 5);
    for i in 0..12 {
        let shape: &dyn Shape = if i % 3 == 0 { &rect_shape } else { &square_shape };
        acc += black_box(shape).area();
    }
    let mut scratch = [0u8; 160];
    acc += copy_sizes(&mut scratch);
    #[cfg(feature = "with-c")]
    {
        acc += unsafe { c_workload(25) };
    }
    acc
}
