import { describe, expect, it } from 'vitest';
import { selectByPatterns } from './path-patterns';

const files = [
  'examples/fw/src/main.rs',
  'examples/fw/c/crc16.c',
  'examples/libs/codec/src/lib.rs',
  'dir with space/ü.rs',
];

describe('selectByPatterns', () => {
  it('keeps everything without patterns', () =>
    expect(selectByPatterns(files, { include: [], exclude: [] }).kept).toEqual(files));
  it('keeps only included files', () =>
    expect(selectByPatterns(files, { include: ['examples/fw/**'], exclude: [] })).toEqual({
      kept: ['examples/fw/src/main.rs', 'examples/fw/c/crc16.c'],
      dropped: ['examples/libs/codec/src/lib.rs', 'dir with space/ü.rs'],
      unmatchedIncludes: [],
    }));
  it('drops excluded files, also from the included ones', () =>
    expect(selectByPatterns(files, { include: ['examples/**'], exclude: ['**/*.c'] }).kept).toEqual(
      ['examples/fw/src/main.rs', 'examples/libs/codec/src/lib.rs'],
    ));
  it('matches names with spaces and non-ASCII characters', () =>
    expect(selectByPatterns(files, { include: ['dir with space/*.rs'], exclude: [] }).kept).toEqual(
      ['dir with space/ü.rs'],
    ));
  it('names include patterns that match nothing', () =>
    expect(
      selectByPatterns(files, { include: ['examples/fw/**', 'src/**'], exclude: [] })
        .unmatchedIncludes,
    ).toEqual(['src/**']));
});
