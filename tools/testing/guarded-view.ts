// Buffers whose surroundings are known: a parser that reads outside its Buffer view (through .buffer, a wrong
// byteOffset or a DataView over the whole ArrayBuffer) gives answers that depend on bytes it was never given.

/** Fills of the bytes around a view: parse twice with different fills and the results must agree. */
export const SURROUNDING_FILLS = [0x00, 0xa5] as const;

/** Bytes of the backing ArrayBuffer before and after the view. */
const MARGIN = 256;

/** A copy of `bytes` as a Buffer view into a larger ArrayBuffer whose bytes outside the view are all `fill`. */
export function guardedView(bytes: Uint8Array, fill: number): Buffer {
  const backing = new ArrayBuffer(MARGIN + bytes.length + MARGIN);
  new Uint8Array(backing).fill(fill);
  const view = Buffer.from(backing, MARGIN, bytes.length);
  view.set(bytes);
  return view;
}

/** Throws unless every byte of `view`'s ArrayBuffer outside the view still holds `fill` (nothing wrote outside it). */
export function expectSurroundingsUntouched(view: Buffer, fill: number): void {
  const all = new Uint8Array(view.buffer);
  const end = view.byteOffset + view.length;
  for (let at = 0; at < all.length; at++) {
    if ((at < view.byteOffset || at >= end) && all[at] !== fill) {
      throw new Error(
        `byte ${at - view.byteOffset} relative to the view's start, outside the view, was overwritten`,
      );
    }
  }
}
