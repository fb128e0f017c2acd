import { describe, expect, it } from 'vitest';
import { formatCodecov } from './codecov';
import { parseLcov } from './lcov-model';

const lcov = [
  'SF:src/main.rs',
  'DA:3,5',
  'DA:4,0',
  'DA:7,2',
  'BRDA:7,0,0,2',
  'BRDA:7,0,1,0',
  'BRDA:9,0,0,-',
  'BRDA:9,0,1,-',
  'DA:9,0',
  'end_of_record',
  'SF:c/crc.c',
  'DA:1,1',
  'end_of_record',
  '',
].join('\n');

describe('formatCodecov', () => {
  it("writes each file's lines with their counts, and a partly taken line's branches as taken/total", () => {
    expect(JSON.parse(formatCodecov(parseLcov(lcov, 'test')))).toEqual({
      coverage: {
        'c/crc.c': { '1': 1 },
        'src/main.rs': { '3': 5, '4': 0, '7': '1/2', '9': 0 },
      },
    });
  });
});
