// The cost table, the refusal of an image that does not fit, and the linker's overflow messages.
import { describe, expect, it } from 'vitest';
import { checkImageFits, formatCost, ImageTooLargeError, imageDoesNotLink } from './cost-report';
import type { InstrumentationCost } from './instrumentation-cost';
import { linkOverflows } from './link-overflow';
import { findMachine, type Machine } from './machines';

const small = findMachine('lm3s811evb') as Machine;

/** A cost on lm3s811evb whose flash use is `flash` bytes, with 20 KB of records and names. */
function costOf(flash: number): InstrumentationCost {
  return {
    units: [{ unit: 'fw', counters: 3200, bitmap: 0, records: 19200, codeGrowth: 11000 }],
    counters: 3200,
    bitmap: 0,
    records: 19200,
    names: 1200,
    runtime: { flash: 700, ram: 0 },
    flash: { instrumented: flash, plain: flash - 32100 },
    ram: { instrumented: 3200, plain: 0 },
    codeGrowth: 11000,
    otherFlash: 0,
    regions: [
      { region: 'flash', size: 65536, used: flash, left: 65536 - flash },
      { region: 'RAM', size: 8192, used: 3200, left: 4992 },
    ],
  };
}

const context = {
  what: "fw's coverage build",
  machine: small,
  manifest: 'fw/Cargo.toml',
  canCorrelate: true,
};

describe('the cost report', () => {
  it('prints a row per crate, flash and RAM in total, and the room left', () => {
    const text = formatCost(costOf(60000), 'minicov: what instrumentation adds:');
    expect(text).toContain(
      '  crate or file  counters  bitmap  records      code\n  fw               3.1 KB     0 B  18.8 KB  +10.7 KB',
    );
    expect(text).toContain(
      '  flash: +31.3 KB (records 18.8 KB, names 1.2 KB, runtime 700 B, code +10.7 KB); 58.6 KB used, 5.4 KB of 64.0 KB left',
    );
    expect(text).toContain(
      '  RAM: +3.1 KB (counters 3.1 KB, bitmap 0 B); 3.1 KB used, 4.9 KB of 8.0 KB left',
    );
  });

  it('lets an image that fits pass, and refuses one that does not, naming the region, by how much, and the fix', () => {
    expect(() => checkImageFits(costOf(65536), context)).not.toThrow();
    let error: unknown;
    try {
      checkImageFits(costOf(70000), context);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImageTooLargeError);
    expect((error as Error).message).toContain(
      "fw's coverage build does not fit lm3s811evb: flash needs 70000 bytes, 4464 more than the 65536 lm3s811evb has. The instrumentation adds 32100 bytes of flash (records 19200, names 1200, runtime 700, code 11000)",
    );
    expect((error as ImageTooLargeError).fix).toContain(
      'set correlate = "binary" in [package.metadata.minicov] of fw/Cargo.toml: the function records and names (20400 bytes) then stay in the ELF, which makes it fit',
    );
    const pgo = (() => {
      try {
        checkImageFits(costOf(90000), { ...context, canCorrelate: false });
      } catch (caught) {
        return caught as ImageTooLargeError;
      }
      return undefined;
    })();
    expect(pgo?.fix).toContain('PGO training needs them for the value profiles');
    expect(pgo?.fix).not.toContain('set correlate');
  });
});

describe('imageDoesNotLink', () => {
  it('suggests correlation for a flash region, and not for RAM, where the counters stay', () => {
    const flash = imageDoesNotLink([{ region: 'FLASH', bytes: 100 }], context);
    expect(flash.message).toContain(
      "fw's coverage build does not fit: the linker overflows FLASH by at least 100 bytes (its messages are above)",
    );
    expect(flash.fix).toContain('set correlate = "binary"');
    const ram = imageDoesNotLink([{ region: 'RAM' }], context);
    expect(ram.message).toContain(
      'the linker overflows RAM (the room the linker script keeps for the stack)',
    );
    expect(ram.fix).not.toContain('correlate');
    expect(ram.fix).toContain('must be in RAM in every mode');
  });
});

describe('linkOverflows', () => {
  it("reads rust-lld's and GNU ld's overflow messages, the largest per region, and the generated script's stack check", () => {
    expect(
      linkOverflows(
        [
          "rust-lld: error: section '.text' will not fit in region 'FLASH': overflowed by 150 bytes",
          "rust-lld: error: section '.rodata' will not fit in region 'FLASH': overflowed by 184 bytes",
          "ld: region `RAM' overflowed by 12 bytes",
          'rust-lld: error: link.ld: less than 4 KiB of RAM left for the stack',
        ].join('\n'),
      ),
    ).toEqual([{ region: 'FLASH', bytes: 184 }, { region: 'RAM', bytes: 12 }, { region: 'RAM' }]);
    expect(linkOverflows('error: undefined symbol: main')).toEqual([]);
  });
});
