//! A second workload, there to be optimized: decoding a telemetry log of
//! LEB128 varints (mostly one byte, a few long ones), zigzag deltas, and a
//! histogram by size class. Its branches are lopsided in a way only a profile
//! knows, which is what profile-guided optimization acts on.

/// Log length in bytes and how many times the log is decoded.
const LOG_BYTES: usize = 768;
const ROUNDS: u32 = 24;

/// xorshift32: a fixed pseudo-random sequence, so every run decodes the same log.
fn next(state: &mut u32) -> u32 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    x
}

/// Fills `log` with varint-encoded samples: small deltas mostly, large ones rarely.
fn generate(log: &mut [u8; LOG_BYTES]) -> usize {
    let mut state = 0x1234_5678;
    let mut at = 0;
    while at + 5 <= LOG_BYTES {
        let roll = next(&mut state);
        // Plain `%`: `is_multiple_of` would be a core function instantiated (and PGO-instrumented) here.
        #[allow(clippy::manual_is_multiple_of)]
        let delta: i32 = if roll % 16 == 0 { (roll >> 8) as i32 - (1 << 22) } else { (roll % 61) as i32 - 30 };
        at += encode(delta, &mut log[at..]);
    }
    at
}

/// Writes `delta` zigzag-encoded as a LEB128 varint (1 to 5 bytes) at the start of `out`; returns its length.
fn encode(delta: i32, out: &mut [u8]) -> usize {
    let mut value = ((delta << 1) ^ (delta >> 31)) as u32;
    let mut length = 0;
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out[length] = byte;
            return length + 1;
        }
        out[length] = byte | 0x80;
        length += 1;
    }
}

/// What the decoder keeps: the running value and a histogram of encoded sizes.
struct State {
    value: i32,
    sizes: [u32; 5],
}

/// One handler per encoded size, called through a table (as a protocol's
/// record handlers would be): the profile tells which one is hot.
fn small(state: &mut State, delta: i32) {
    state.value = state.value.wrapping_add(delta);
    state.sizes[0] += 1;
}

fn medium(state: &mut State, delta: i32) {
    state.value = state.value.wrapping_add(delta / 2).wrapping_add(delta - delta / 2);
    state.sizes[1] += 1;
}

fn large(state: &mut State, delta: i32) {
    state.value = state.value.wrapping_add(delta.rotate_left(0));
    state.sizes[2] += (delta & 1) as u32 + 1 - (delta & 1) as u32;
}

fn huge(state: &mut State, delta: i32) {
    state.value = state.value.wrapping_add(delta);
    state.sizes[3] += 1;
}

fn overlong(state: &mut State, delta: i32) {
    state.value = state.value.wrapping_sub(delta.wrapping_neg());
    state.sizes[4] += 1;
}

static HANDLERS: [fn(&mut State, i32); 5] = [small, medium, large, huge, overlong];

/// Decodes the log: the running value and a histogram of encoded sizes.
fn decode(log: &[u8]) -> (i32, [u32; 5]) {
    let mut state = State { value: 0, sizes: [0; 5] };
    let handlers = core::hint::black_box(&HANDLERS);
    let mut at = 0;
    while at < log.len() {
        let (mut raw, mut shift, mut length) = (0u32, 0u32, 0usize);
        while at < log.len() {
            let byte = log[at];
            at += 1;
            raw |= u32::from(byte & 0x7f) << shift;
            shift += 7;
            length += 1;
            if byte & 0x80 == 0 || length == 5 {
                break;
            }
        }
        let delta = ((raw >> 1) as i32) ^ -((raw & 1) as i32);
        handlers[length - 1](&mut state, delta);
    }
    (state.value, state.sizes)
}

/// Generates the log and decodes it ROUNDS times; returns a digest of the results.
pub fn run() -> u32 {
    let mut log = [0u8; LOG_BYTES];
    let used = generate(&mut log);
    let mut digest = 0u32;
    for _ in 0..ROUNDS {
        let (value, sizes) = decode(core::hint::black_box(&log[..used]));
        digest = digest.rotate_left(5) ^ value as u32 ^ sizes[0] ^ (sizes[3] << 16);
    }
    digest
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log of `deltas`, encoded one after the other.
    fn log_of(deltas: &[i32]) -> ([u8; 64], usize) {
        let mut log = [0u8; 64];
        let mut used = 0;
        for &delta in deltas {
            used += encode(delta, &mut log[used..]);
        }
        (log, used)
    }

    #[test]
    fn small_deltas_take_one_byte_and_sum_up() {
        let (log, used) = log_of(&[1, -1, 2, -30, 30]);
        assert_eq!(&log[..used], &[0x02, 0x01, 0x04, 0x3b, 0x3c]);
        assert_eq!(decode(&log[..used]), (2, [5, 0, 0, 0, 0]));
    }

    #[test]
    fn each_encoded_size_reaches_its_own_handler() {
        let deltas = [-64, 64, 8192, 1 << 20, 1 << 26, i32::MAX, i32::MIN];
        let (log, used) = log_of(&deltas);
        assert_eq!(used, 1 + 2 + 3 + 4 + 4 + 5 + 5);
        let sum = deltas.iter().fold(0i32, |sum, &delta| sum.wrapping_add(delta));
        assert_eq!(decode(&log[..used]), (sum, [1, 1, 1, 2, 2]));
    }

    #[test]
    fn a_log_cut_inside_a_varint_still_decodes_the_bytes_it_has() {
        // 300 is 0xd8 0x04; without its last byte the decoder sees 0x58 (zigzag 44), one byte long.
        assert_eq!(decode(&[0x02, 0xd8]), (1 + 44, [2, 0, 0, 0, 0]));
    }

    #[test]
    fn the_generated_log_is_mostly_one_byte_samples() {
        let mut log = [0u8; LOG_BYTES];
        let used = generate(&mut log);
        assert!(used > LOG_BYTES - 5 && used <= LOG_BYTES);
        let (_, sizes) = decode(&log[..used]);
        let bytes: u32 = sizes.iter().enumerate().map(|(index, count)| (index as u32 + 1) * count).sum();
        assert_eq!(bytes as usize, used);
        assert!(sizes[0] > 8 * (sizes[1] + sizes[2] + sizes[3] + sizes[4]), "{sizes:?}");
    }

    #[test]
    fn every_run_computes_the_same_digest() {
        assert_eq!(run(), run());
    }
}
