import { describe, expect, it } from 'vitest';
import {
  branchTotals,
  LcovFormatError,
  lineCountsByFile,
  lineTotals,
  parseLcov,
} from './lcov-model';

const TRACE = `SF:src/a.rs
FN:3,a::f
FN:9,<a::S as a::T>::go::<(u8, u16)>
FNDA:4,a::f
FNDA:0,<a::S as a::T>::go::<(u8, u16)>
FNF:2
FNH:1
DA:3,4
DA:4,4
DA:5,0
DA:9,0
BRDA:4,0,0,3
BRDA:4,0,1,1
BRDA:9,1,0,-
BRF:3
BRH:2
LF:4
LH:2
end_of_record
SF:c/b.c
FN:1,2,b.c:twice
FNDA:2,b.c:twice
DA:1,2
DA:1,3
end_of_record
`;

describe('parseLcov', () => {
  const [a, b] = parseLcov(TRACE, 'lcov.info');
  it('reads one record per SF', () => expect([a?.path, b?.path]).toEqual(['src/a.rs', 'c/b.c']));
  it('reads line counts', () =>
    expect([...(a?.lines ?? [])]).toEqual([
      [3, 4],
      [4, 4],
      [5, 0],
      [9, 0],
    ]));
  it('reads function names with commas and their hits', () =>
    expect(a?.functions).toEqual([
      { name: 'a::f', line: 3, hits: 4 },
      { name: '<a::S as a::T>::go::<(u8, u16)>', line: 9, hits: 0 },
    ]));
  it('reads lcov 2 FN lines with an end line', () =>
    expect(b?.functions).toEqual([{ name: 'b.c:twice', line: 1, hits: 2 }]));
  it('adds up repeated DA lines', () => expect(b?.lines.get(1)).toBe(5));
  it('reads branches, "-" as never reached', () =>
    expect(a?.branches).toEqual([
      { line: 4, block: 0, branch: 0, taken: 3 },
      { line: 4, block: 0, branch: 1, taken: 1 },
      { line: 9, block: 1, branch: 0, taken: undefined },
    ]));
  it('counts lines and branches', () => {
    expect(lineTotals(a!)).toEqual({ found: 4, hit: 2 });
    expect(branchTotals(a!.branches)).toEqual({ found: 3, hit: 2 });
  });

  it.each([
    ['DA:1,1\n', 'lcov.info:1: DA: outside an SF: record'],
    ['SF:a\nDA:x,1\nend_of_record\n', 'lcov.info:2: "x" is not a count'],
    ['SF:a\nSF:b\n', 'lcov.info:2: SF: inside a record'],
    ['SF:a\nDA:1,1\n', 'lcov.info: the last record has no end_of_record'],
    ['SF:a\nFNDA:1,f\nend_of_record\n', 'lcov.info:2: FNDA for a function with no FN line: f'],
    ['SF:a\nBRDA:1,0,0\nend_of_record\n', 'lcov.info:2: BRDA needs 4 fields'],
    ['SF:a\nFN:3\nend_of_record\n', 'lcov.info:2: FN without a name'],
    ['SF:a\nFNDA:3\nend_of_record\n', 'lcov.info:2: FNDA without a name'],
  ])('rejects malformed input %j, naming the line', (text, message) => {
    expect(() => parseLcov(text, 'lcov.info')).toThrow(LcovFormatError);
    expect(() => parseLcov(text, 'lcov.info')).toThrow(message);
  });
});

describe('lineCountsByFile', () => {
  it("maps each SF: path to its lines' counts", () => {
    const counts = lineCountsByFile(parseLcov(TRACE, 'lcov.info'));
    expect([...counts.keys()]).toEqual(['src/a.rs', 'c/b.c']);
    expect(counts.get('src/a.rs')?.get(3)).toBe(4);
    expect(counts.get('c/b.c')?.get(1)).toBe(5);
  });
});
