// Decodes an __llvm_prf_names blob (zlib-compressed or not) so messages can name a function instead of its hash.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/** The function names in `blob`, keyed by NameRef (the low 64 bits of their MD5); empty when the blob is unreadable. */
export function profileNamesByRef(blob: Buffer): Map<bigint, string> {
  const names = new Map<bigint, string>();
  try {
    let at = 0;
    while (at < blob.length) {
      const [plainSize, afterPlain] = uleb128(blob, at);
      const [packedSize, afterPacked] = uleb128(blob, afterPlain);
      const size = packedSize === 0 ? plainSize : packedSize;
      if (afterPacked + size > blob.length) break;
      const chunk = blob.subarray(afterPacked, afterPacked + size);
      const text = packedSize === 0 ? chunk : inflateSync(chunk, { maxOutputLength: plainSize });
      for (const name of text.toString('latin1').split('\x01'))
        if (name) names.set(nameRef(name), name);
      at = afterPacked + size;
      // Each chunk is padded with zero bytes to the next chunk or the end.
      while (at < blob.length && blob[at] === 0) at++;
    }
  } catch {
    // A damaged blob just means no names for messages.
  }
  return names;
}

/** NameRef of `name`: the first 8 bytes of its MD5 as a little-endian u64 (llvm::MD5Hash). */
export function nameRef(name: string): bigint {
  return createHash('md5').update(name, 'latin1').digest().readBigUInt64LE(0);
}

function uleb128(bytes: Buffer, start: number): [number, number] {
  let value = 0;
  let at = start;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[at++];
    if (byte === undefined) throw new RangeError('ULEB128 runs past the end');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
  }
  throw new RangeError('ULEB128 too long');
}
