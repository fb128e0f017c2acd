import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dataRecordLayout,
  rawVersionForLlvmMajor,
  type DataRecordLayout,
  type RawVersion,
} from './data-record-layout';

const runtimeSrc = join(__dirname, '..', '..', '..', '..', 'runtime', 'c', 'src');

describe('rawVersionForLlvmMajor', () => {
  it('maps LLVM majors to the raw profile version they write', () => {
    expect([13, 14, 17, 18, 19, 22, 23].map(rawVersionForLlvmMajor)).toEqual([
      undefined,
      8,
      8,
      9,
      10,
      10,
      undefined,
    ]);
  });
});

describe('dataRecordLayout', () => {
  it('has the record sizes LLVM emits', () => {
    const size = (v: RawVersion, p: 4 | 8) => dataRecordLayout(v, p).size;
    expect([size(8, 8), size(8, 4), size(9, 8), size(9, 4), size(10, 8), size(10, 4)]).toEqual([
      48, 40, 64, 48, 64, 48,
    ]);
  });

  it('places the counter pointer and counter count where InstrProfData.inc puts them', () => {
    expect(dataRecordLayout(8, 8)).toMatchObject({
      counterPtrOffset: 16,
      functionPointerOffset: 24,
      numCountersOffset: 40,
      valueKinds: 2,
    });
    expect(dataRecordLayout(8, 8).bitmapPtrOffset).toBeUndefined();
    expect(dataRecordLayout(9, 8)).toMatchObject({
      bitmapPtrOffset: 24,
      numCountersOffset: 48,
      numBitmapBytesOffset: 56,
    });
    expect(dataRecordLayout(10, 8)).toMatchObject({
      numValueSitesOffset: 52,
      numBitmapBytesOffset: 60,
    });
    expect(dataRecordLayout(10, 4)).toMatchObject({
      counterPtrOffset: 16,
      numCountersOffset: 32,
      valueKinds: 3,
      numBitmapBytesOffset: 44,
    });
  });

  // struct minicov_data_record in the C runtime must agree field by field, on a 64-bit and a 32-bit target.
  for (const [target, pointerBytes] of [
    ['x86_64-unknown-linux-gnu', 8],
    ['thumbv7m-none-eabi', 4],
  ] as const) {
    it(`matches runtime/c/src/raw_format.h on ${target}`, () => {
      for (const version of [8, 9, 10] as const) {
        const source = staticAsserts(dataRecordLayout(version, pointerBytes));
        const result = spawnSync(
          'clang-22',
          [
            `--target=${target}`,
            '-ffreestanding',
            '-fsyntax-only',
            `-DMINICOV_RAW_VERSION=${version}`,
            `-I${runtimeSrc}`,
            '-x',
            'c',
            '-',
          ],
          { input: source, encoding: 'utf8' },
        );
        expect(result.error).toBeUndefined();
        expect(result.stderr, `raw version ${version}`).toBe('');
        expect(result.status).toBe(0);
      }
    });
  }
});

function staticAsserts(layout: DataRecordLayout): string {
  const fields: [string, number | undefined][] = [
    ['name_ref', layout.nameRefOffset],
    ['func_hash', layout.funcHashOffset],
    ['counter_ptr', layout.counterPtrOffset],
    ['bitmap_ptr', layout.bitmapPtrOffset],
    ['function_pointer', layout.functionPointerOffset],
    ['values', layout.valuesOffset],
    ['num_counters', layout.numCountersOffset],
    ['num_value_sites', layout.numValueSitesOffset],
    ['num_bitmap_bytes', layout.numBitmapBytesOffset],
  ];
  const record = 'struct minicov_data_record';
  return [
    '#include <stddef.h>',
    '#include "raw_format.h"',
    `_Static_assert(sizeof(${record}) == ${layout.size}, "size");`,
    `_Static_assert(sizeof(((${record} *)0)->num_value_sites) == 2 * ${layout.valueKinds}, "value kinds");`,
    ...fields
      .filter((f): f is [string, number] => f[1] !== undefined)
      .map(
        ([name, offset]) => `_Static_assert(offsetof(${record}, ${name}) == ${offset}, "${name}");`,
      ),
  ].join('\n');
}
