import { describe, expect, it } from 'vitest';
import { parseDepInfo } from './dep-info';

describe('parseDepInfo', () => {
  it("reads the first rule's dependencies, with escaped spaces", () => {
    expect(
      parseDepInfo(
        '/w/target/fw: /w/src/main.rs /w/my\\ crate/lib.rs /w/c/crc.c\n\n/w/src/main.rs:\n',
      ),
    ).toEqual(['/w/src/main.rs', '/w/my crate/lib.rs', '/w/c/crc.c']);
  });

  it('reads nothing from an empty or odd file', () => {
    expect(parseDepInfo('')).toEqual([]);
    expect(parseDepInfo('no rule here')).toEqual([]);
  });
});
