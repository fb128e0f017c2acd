// Reading data/stream.hex, the firmware's input, the same way src/stream.rs decodes it.
import { readFileSync } from 'node:fs';

/** The bytes of a hex file: two-digit bytes separated by blanks, `#` comments skipped. */
export function readHexStream(file: string): Uint8Array {
  const digits = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join('')
    .replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length % 2 !== 0) {
    throw new Error(`${file}: not an even number of hex digits outside comments`);
  }
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** The bytes of a Rust byte-string constant `const NAME: ... = (b"...", ...)` or `= b"..."` in `file`. */
export function readByteStringConst(file: string, name: string): Uint8Array {
  const match = new RegExp(`const ${name}:[^=]*=\\s*\\(?b"([^"\\\\]*)"`).exec(
    readFileSync(file, 'utf8'),
  );
  if (!match) throw new Error(`${file}: no byte-string constant ${name} (plain characters only)`);
  return new TextEncoder().encode(match[1]);
}
