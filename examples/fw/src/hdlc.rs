//! Decoder of the HDLC-like framing in data/stream.hex: a flag byte starts a
//! frame; inside it, escaped bytes are un-stuffed, then a state machine reads
//! the length, the payload and the CRC.

/// Starts a frame; inside a frame, aborts it and starts a new one.
pub const FLAG: u8 = 0x7E;
/// Marks the next byte as sent XOR `ESCAPE_XOR`.
pub const ESCAPE: u8 = 0x7D;
/// What an escaped byte was XORed with.
pub const ESCAPE_XOR: u8 = 0x20;
/// The longest payload a frame may declare.
pub const MAX_PAYLOAD: usize = 32;

#[derive(Copy, Clone, PartialEq, Eq)]
enum State {
    /// Outside a frame: everything but a flag is noise.
    Hunt,
    Length,
    Payload,
    CrcHigh,
    CrcLow,
}

/// Counts of what the decoder saw besides complete frames.
#[derive(Copy, Clone, Default, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Bytes outside any frame.
    pub noise: u32,
    /// Escape bytes inside frames.
    pub escapes: u32,
    /// Frames cut short by a flag.
    pub aborted: u32,
    /// Frames whose length byte was 0 or above `MAX_PAYLOAD`.
    pub bad_length: u32,
}

/// A complete frame: its payload and the CRC it carried.
pub struct Frame<'a> {
    pub payload: &'a [u8],
    pub crc: u16,
}

/// The framing state machine, fed one received byte at a time.
pub struct Decoder {
    state: State,
    escaped: bool,
    len: usize,
    filled: usize,
    crc: u16,
    buf: [u8; MAX_PAYLOAD],
    stats: Stats,
}

impl Decoder {
    /// A decoder waiting for the first flag.
    pub fn new() -> Self {
        Decoder {
            state: State::Hunt,
            escaped: false,
            len: 0,
            filled: 0,
            crc: 0,
            buf: [0; MAX_PAYLOAD],
            stats: Stats::default(),
        }
    }

    /// What the decoder has counted so far.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Takes one received byte; returns the frame it completes, if any.
    pub fn push(&mut self, byte: u8) -> Option<Frame<'_>> {
        if byte == FLAG {
            self.start_frame();
            return None;
        }
        if self.state == State::Hunt {
            self.stats.noise += 1; // MARK: hdlc_noise
            return None;
        }
        if byte == ESCAPE {
            self.escaped = true;
            self.stats.escapes += 1; // MARK: hdlc_escape
            return None;
        }
        let byte = if self.escaped { byte ^ ESCAPE_XOR } else { byte };
        self.escaped = false;
        self.accept(byte)
    }

    fn start_frame(&mut self) {
        if matches!(self.state, State::Payload | State::CrcHigh | State::CrcLow) {
            self.stats.aborted += 1; // MARK: hdlc_abort
        }
        self.state = State::Length;
        self.escaped = false;
    }

    fn accept(&mut self, byte: u8) -> Option<Frame<'_>> {
        match self.state {
            State::Hunt => {}
            State::Length => {
                let len = usize::from(byte);
                if len == 0 || len > MAX_PAYLOAD {
                    self.stats.bad_length += 1; // MARK: hdlc_bad_length
                    self.state = State::Hunt;
                } else {
                    self.len = len;
                    self.filled = 0;
                    self.state = State::Payload;
                }
            }
            State::Payload => {
                self.buf[self.filled] = byte; // MARK: hdlc_payload_byte
                self.filled += 1;
                if self.filled == self.len {
                    self.state = State::CrcHigh;
                }
            }
            State::CrcHigh => {
                self.crc = u16::from(byte) << 8;
                self.state = State::CrcLow;
            }
            State::CrcLow => {
                self.crc |= u16::from(byte);
                self.state = State::Hunt; // MARK: hdlc_frame_end
                return Some(Frame { payload: &self.buf[..self.len], crc: self.crc });
            }
        }
        None
    }
}
