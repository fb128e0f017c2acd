import { describe, expect, it } from 'vitest';
import { formatRanges, uncoveredRanges } from './missing-lines';

const lines = (entries: [number, number][]) => new Map(entries);

describe('uncoveredRanges', () => {
  it('is empty when every line ran', () =>
    expect(
      uncoveredRanges(
        lines([
          [1, 1],
          [2, 5],
        ]),
      ),
    ).toEqual([]));
  it('joins consecutive uncovered lines', () =>
    expect(
      uncoveredRanges(
        lines([
          [1, 1],
          [2, 0],
          [3, 0],
          [4, 0],
          [5, 2],
        ]),
      ),
    ).toEqual([[2, 4]]));
  it('joins across blank lines, comments and braces, not across covered lines', () => {
    const source = Array.from({ length: 20 }, () => 'call();');
    source[10] = '';
    source[11] = '    // a comment';
    source[12] = '    }';
    source[16] = ' /* a block';
    source[17] = '  * comment */';
    source[18] = '';
    expect(
      uncoveredRanges(
        lines([
          [10, 0],
          [14, 0],
          [15, 3],
          [16, 0],
          [20, 0],
        ]),
        source,
      ),
    ).toEqual([
      [10, 14],
      [16, 20],
    ]);
  });
  it('never spans a line that may have run without a count (inline assembly, a table, an attribute)', () => {
    // As in a firmware: an uncovered fault handler, then a naked reset handler that ran, then the panic handler.
    const source = [
      'fn hard_fault() -> ! {',
      '    loop {}',
      '}',
      '#[unsafe(naked)]',
      'unsafe extern "C" fn reset_handler() -> ! {',
      '    core::arch::naked_asm!("b main")',
      '}',
      'fn panic() -> ! {',
      '    exit(101)',
      '}',
    ];
    expect(
      uncoveredRanges(
        lines([
          [1, 0],
          [2, 0],
          [3, 0],
          [8, 0],
          [9, 0],
          [10, 0],
        ]),
        source,
      ),
    ).toEqual([
      [1, 3],
      [8, 10],
    ]);
  });
  it('joins only adjacent lines when the source is not at hand', () =>
    expect(
      uncoveredRanges(
        lines([
          [1, 0],
          [2, 0],
          [4, 0],
        ]),
      ),
    ).toEqual([
      [1, 2],
      [4, 4],
    ]));
  it('sorts lines given out of order', () =>
    expect(
      uncoveredRanges(
        lines([
          [7, 0],
          [3, 0],
          [5, 1],
        ]),
      ),
    ).toEqual([
      [3, 3],
      [7, 7],
    ]));
});

describe('formatRanges', () => {
  it('writes single lines and ranges', () =>
    expect(
      formatRanges([
        [2, 4],
        [9, 9],
      ]),
    ).toBe('2-4, 9'));
  it('writes nothing for no ranges', () => expect(formatRanges([])).toBe(''));
});
