//! The input stream, decoded from data/stream.hex at compile time.

const TEXT: &str = include_str!("../data/stream.hex");

/// The bytes of data/stream.hex.
pub static STREAM: [u8; byte_count(TEXT)] = decode(TEXT);

const fn digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The hex digits of `text` in order, with `#` comments and blanks skipped;
/// calls `f(index, value)` for each. Written as a macro because const fns
/// cannot take closures.
macro_rules! for_each_digit {
    ($text:expr, |$index:ident, $value:ident| $body:block) => {{
        let bytes = $text.as_bytes();
        let (mut i, mut $index) = (0, 0);
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'#' {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            i += 1;
            if c == b' ' || c == b'\n' || c == b'\r' || c == b'\t' {
                continue;
            }
            let Some($value) = digit(c) else {
                panic!("data/stream.hex: a character outside comments is neither a hex digit nor a blank")
            };
            $body
            $index += 1;
        }
        $index
    }};
}

const fn byte_count(text: &str) -> usize {
    let digits = for_each_digit!(text, |_index, _value| {});
    assert!(digits % 2 == 0, "data/stream.hex: odd number of hex digits");
    digits / 2
}

const fn decode<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [0u8; N];
    for_each_digit!(text, |index, value| {
        out[index / 2] = (out[index / 2] << 4) | value;
    });
    out
}
