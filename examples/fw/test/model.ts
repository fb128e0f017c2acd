// An independent TypeScript model of what the firmware executes: how often each MARK line runs.

const FLAG = 0x7e;
const ESCAPE = 0x7d;
const ESCAPE_XOR = 0x20;
const MAX_PAYLOAD = 32;

/** The inputs the firmware works on: the stream and its self-check's known-answer inputs. */
export interface FirmwareInputs {
  stream: Uint8Array;
  crcCheck: Uint8Array;
  fletcherCheck: Uint8Array;
}

interface Frame {
  payload: number[];
  crc: number;
}

/** The complete frames of an HDLC-like stream, counting decoder events into `count`. */
function decodeFrames(stream: Uint8Array, count: (name: string) => void): Frame[] {
  const frames: Frame[] = [];
  type State = 'hunt' | 'length' | 'payload' | 'crcHigh' | 'crcLow';
  let state: State = 'hunt';
  let escaped = false;
  let len = 0;
  let payload: number[] = [];
  let crc = 0;
  for (const raw of stream) {
    if (raw === FLAG) {
      if (state === 'payload' || state === 'crcHigh' || state === 'crcLow') count('hdlc_abort');
      state = 'length';
      escaped = false;
      continue;
    }
    if (state === 'hunt') {
      count('hdlc_noise');
      continue;
    }
    if (raw === ESCAPE) {
      escaped = true;
      count('hdlc_escape');
      continue;
    }
    const byte = escaped ? raw ^ ESCAPE_XOR : raw;
    escaped = false;
    if (state === 'length') {
      if (byte === 0 || byte > MAX_PAYLOAD) {
        count('hdlc_bad_length');
        state = 'hunt';
      } else {
        len = byte;
        payload = [];
        state = 'payload';
      }
    } else if (state === 'payload') {
      count('hdlc_payload_byte');
      payload.push(byte);
      if (payload.length === len) state = 'crcHigh';
    } else if (state === 'crcHigh') {
      crc = byte << 8;
      state = 'crcLow';
    } else {
      count('hdlc_frame_end');
      frames.push({ payload, crc: crc | byte });
      state = 'hunt';
    }
  }
  return frames;
}

/** CRC-16/CCITT-FALSE, counting which branch each bit takes. */
function crc16(data: Iterable<number>, count: (name: string) => void): number {
  count('crc_call');
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      if (crc & 0x8000) {
        count('crc_xor');
        crc = ((crc << 1) ^ 0x1021) & 0xffff;
      } else {
        count('crc_shift');
        crc = (crc << 1) & 0xffff;
      }
    }
  }
  return crc;
}

/** Fletcher-16 over `data`, counting the modulo reductions; returns the updated sums. */
function fletcherUpdate(
  sums: [number, number],
  data: Iterable<number>,
  count: (name: string) => void,
): [number, number] {
  let [sum1, sum2] = sums;
  for (const byte of data) {
    sum1 += byte;
    if (sum1 >= 255) {
      count('fletcher_wrap1');
      sum1 -= 255;
    }
    sum2 += sum1;
    if (sum2 >= 255) {
      count('fletcher_wrap2');
      sum2 -= 255;
    }
  }
  return [sum1, sum2];
}

/** How many times each MARK line runs in one run of the firmware on `inputs`. */
export function expectedMarkCounts(inputs: FirmwareInputs): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  // app::run: decode, check each frame's CRC, checksum the good payloads.
  let sums: [number, number] = [0, 0];
  for (const frame of decodeFrames(inputs.stream, count)) {
    if (crc16(frame.payload, count) === frame.crc) {
      count('app_frame_good');
      sums = fletcherUpdate(sums, frame.payload, count);
    } else {
      count('app_frame_bad_crc');
    }
  }
  // self_check::passed: one known-answer test of each checksum.
  crc16(inputs.crcCheck, count);
  fletcherUpdate([0, 0], inputs.fletcherCheck, count);
  // fw_main then writes the profile once.
  count('main_write_profile');
  return counts;
}
