import { describe, expect, it } from 'vitest';
import { ElfFile, ElfFormatError, SHF_ALLOC, SHT_NOBITS, SHT_SYMTAB } from './elf-file';

const SHT_PROGBITS = 1;
const SHT_STRTAB = 3;

interface TestSection {
  name: string;
  type?: number;
  flags?: bigint;
  addr?: bigint;
  /** Contents; for NOBITS only its length counts. */
  data?: Buffer;
  nobitsSize?: number;
}

interface TestSymbol {
  name: string;
  value: bigint;
  /** Index into `sections` (0-based, as given); undefined means SHN_UNDEF. */
  section?: number;
  local?: boolean;
}

interface TestElf {
  is64: boolean;
  littleEndian: boolean;
  sections: TestSection[];
  symbols?: TestSymbol[];
}

/** Builds a minimal ELF: header, section contents, .shstrtab/.symtab/.strtab, then section headers. */
function buildElf(spec: TestElf): Buffer {
  const { is64, littleEndian: le } = spec;
  const w = is64 ? 8 : 4;
  const put = (buf: Buffer, at: number, value: number | bigint, bytes: number) => {
    const v = BigInt(value);
    if (bytes === 1) buf.writeUInt8(Number(v), at);
    else if (bytes === 2) {
      if (le) buf.writeUInt16LE(Number(v), at);
      else buf.writeUInt16BE(Number(v), at);
    } else if (bytes === 4) {
      if (le) buf.writeUInt32LE(Number(v), at);
      else buf.writeUInt32BE(Number(v), at);
    } else if (le) buf.writeBigUInt64LE(v, at);
    else buf.writeBigUInt64BE(v, at);
  };
  const strtab = (names: string[]) => {
    const offsets: number[] = [];
    let text = '\0';
    for (const n of names) {
      offsets.push(text.length);
      text += `${n}\0`;
    }
    return { data: Buffer.from(text, 'latin1'), offsets };
  };

  const symbols = spec.symbols ?? [];
  const userCount = spec.sections.length;
  const symStrings = strtab(symbols.map((s) => s.name));
  const symEntry = is64 ? 24 : 16;
  const symData = Buffer.alloc(symEntry * (symbols.length + 1));
  symbols.forEach((s, i) => {
    const at = symEntry * (i + 1);
    const shndx = s.section === undefined ? 0 : s.section + 1;
    const info = (s.local ? 0 : 1) << 4;
    put(symData, at, symStrings.offsets[i] ?? 0, 4);
    if (is64) {
      put(symData, at + 4, info, 1);
      put(symData, at + 6, shndx, 2);
      put(symData, at + 8, s.value, 8);
    } else {
      put(symData, at + 4, s.value, 4);
      put(symData, at + 12, info, 1);
      put(symData, at + 14, shndx, 2);
    }
  });
  const all: (TestSection & { link?: number })[] = [
    ...spec.sections,
    { name: '.symtab', type: SHT_SYMTAB, data: symData, link: userCount + 2 },
    { name: '.strtab', type: SHT_STRTAB, data: symStrings.data },
  ];
  const shNames = strtab([...all.map((s) => s.name), '.shstrtab']);
  all.push({ name: '.shstrtab', type: SHT_STRTAB, data: shNames.data });

  const headerSize = is64 ? 64 : 52;
  const offsets: number[] = [];
  let at = headerSize;
  for (const s of all) {
    offsets.push(at);
    if (s.type !== SHT_NOBITS) at += s.data?.length ?? 0;
  }
  const shoff = at;
  const shentsize = is64 ? 64 : 40;
  const buf = Buffer.alloc(shoff + shentsize * (all.length + 1));
  buf.write('\x7fELF', 0, 'latin1');
  buf[4] = is64 ? 2 : 1;
  buf[5] = le ? 1 : 2;
  buf[6] = 1;
  put(buf, 16, 2, 2); // ET_EXEC
  put(buf, 18, is64 ? 62 : 40, 2); // x86-64 / ARM
  put(buf, is64 ? 40 : 32, shoff, w);
  put(buf, is64 ? 58 : 46, shentsize, 2);
  put(buf, is64 ? 60 : 48, all.length + 1, 2);
  put(buf, is64 ? 62 : 50, all.length, 2);
  all.forEach((s, i) => {
    const off = offsets[i] ?? 0;
    if (s.type !== SHT_NOBITS) s.data?.copy(buf, off);
    const h = shoff + shentsize * (i + 1);
    const size = s.type === SHT_NOBITS ? (s.nobitsSize ?? 0) : (s.data?.length ?? 0);
    put(buf, h, shNames.offsets[i] ?? 0, 4);
    put(buf, h + 4, s.type ?? SHT_PROGBITS, 4);
    put(buf, h + 8, s.flags ?? 0n, w);
    put(buf, h + 8 + w, s.addr ?? 0n, w);
    put(buf, h + 8 + 2 * w, off, w);
    put(buf, h + 8 + 3 * w, size, w);
    put(buf, h + 8 + 4 * w, s.link ?? 0, 4);
  });
  return buf;
}

const A = SHF_ALLOC;
function sample(is64: boolean, littleEndian: boolean): Buffer {
  return buildElf({
    is64,
    littleEndian,
    sections: [
      { name: '.text', flags: A | 4n, addr: 0x1000n, data: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]) },
      { name: '.bss', type: SHT_NOBITS, flags: A | 1n, addr: 0x2000n, nobitsSize: 64 },
      { name: '.comment', data: Buffer.from('\0clang version 22.1.8\0', 'latin1') },
    ],
    symbols: [
      { name: 'main', value: 0x1004n, section: 0 },
      { name: 'dup', value: 0x1000n, section: 0, local: true },
      { name: 'dup', value: 0x1002n, section: 0 },
      { name: 'undefined_sym', value: 0n },
      { name: 'buffer', value: 0x2010n, section: 1 },
    ],
  });
}

function expectElfError(action: () => unknown, fragment: string | RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ElfFormatError);
  expect((caught as Error).message).toMatch(fragment);
}

describe('ElfFile', () => {
  for (const [is64, littleEndian] of [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ] as const) {
    describe(`ELF${is64 ? 64 : 32} ${littleEndian ? 'little' : 'big'} endian`, () => {
      const elf = new ElfFile('/fw/app.elf', sample(is64, littleEndian));

      it('reads class, byte order and section headers', () => {
        expect(elf.pointerBytes).toBe(is64 ? 8 : 4);
        expect(elf.littleEndian).toBe(littleEndian);
        expect(elf.machine).toBe(is64 ? 62 : 40);
        expect(elf.sections.map((s) => s.name)).toEqual([
          '',
          '.text',
          '.bss',
          '.comment',
          '.symtab',
          '.strtab',
          '.shstrtab',
        ]);
        expect(elf.section('.text')).toMatchObject({ addr: 0x1000n, size: 8n, flags: 6n, type: 1 });
        expect(elf.section('.bss')).toMatchObject({ addr: 0x2000n, size: 64n, type: SHT_NOBITS });
      });

      it('finds defined symbols by name, preferring globals, and skips undefined ones', () => {
        expect(elf.symbol('main')).toMatchObject({ value: 0x1004n, sectionIndex: 1 });
        expect(elf.symbol('dup')?.value).toBe(0x1002n);
        expect(elf.symbol('buffer')).toMatchObject({ value: 0x2010n, sectionIndex: 2 });
        expect(elf.symbol('undefined_sym')).toBeUndefined();
        expect(elf.symbol('nope')).toBeUndefined();
      });

      it('reads bytes at virtual addresses, zeros for NOBITS', () => {
        expect([...elf.readAtAddress(0x1002n, 4)]).toEqual([3, 4, 5, 6]);
        expect([...elf.readAtAddress(0x2038n, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
        expect(elf.readAtAddress(0x9999n, 0).length).toBe(0);
        expect(elf.readUnsigned(elf.readAtAddress(0x1000n, 4), 0, 4)).toBe(
          littleEndian ? 0x04030201n : 0x01020304n,
        );
        expect(elf.readSigned(Buffer.alloc(8, 0xff), 0, is64 ? 8 : 4)).toBe(-1n);
      });

      it('refuses addresses no allocated section holds, naming the file', () => {
        expectElfError(() => elf.readAtAddress(0x1006n, 4), /\/fw\/app\.elf: .*0x1006\.\.0x100a/);
        expectElfError(() => elf.readAtAddress(0x0n, 4), 'no allocated section');
      });

      it('returns section contents by name', () => {
        expect(elf.sectionContents('.comment')?.toString('latin1')).toBe(
          '\0clang version 22.1.8\0',
        );
        expect(elf.sectionContents('.bss')).toEqual(Buffer.alloc(64));
        expect(elf.sectionContents('.nothing')).toBeUndefined();
      });
    });
  }

  it('rejects non-ELF input with what is wrong', () => {
    expectElfError(() => new ElfFile('x.bin', Buffer.alloc(0)), /x\.bin: .*no ELF magic/);
    expectElfError(() => new ElfFile('x.bin', Buffer.from('#!/bin/sh\necho hi\n')), 'no ELF magic');
    const badClass = sample(true, true);
    badClass[4] = 7;
    expectElfError(() => new ElfFile('x', badClass), 'unknown ELF class 7');
    const badData = sample(true, true);
    badData[5] = 0;
    expectElfError(() => new ElfFile('x', badData), 'unknown data encoding 0');
    expectElfError(
      () => new ElfFile('x', sample(true, true).subarray(0, 40)),
      'shorter than the ELF header',
    );
  });

  it('rejects headers that point outside the file', () => {
    const elf = sample(false, true);
    const hugeCount = Buffer.from(elf);
    hugeCount.writeUInt16LE(0xfff0, 48);
    expectElfError(() => new ElfFile('x', hugeCount), /section header|cannot fit/);
    const badEntsize = Buffer.from(elf);
    badEntsize.writeUInt16LE(12, 46);
    expectElfError(() => new ElfFile('x', badEntsize), 'section header size is 12');
    const badStrndx = Buffer.from(elf);
    badStrndx.writeUInt16LE(200, 50);
    expectElfError(() => new ElfFile('x', badStrndx), 'section-name table index 200');
  });

  it('throws only ElfFormatError for every truncation, and never returns short reads', () => {
    for (const full of [sample(true, true), sample(false, false)]) {
      for (let length = 0; length < full.length; length++) {
        exercise(Buffer.from(full.subarray(0, length)));
      }
    }
  });

  it('throws only ElfFormatError for corrupted bytes', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (const full of [
      sample(true, true),
      sample(false, true),
      sample(true, false),
      sample(false, false),
    ]) {
      for (let round = 0; round < 1500; round++) {
        const broken = Buffer.from(full);
        for (let flips = 1 + (random() % 4); flips > 0; flips--)
          broken[random() % broken.length] = random() & 0xff;
        exercise(broken);
      }
    }
  });
});

/** Parses and queries `buf`; anything but ElfFormatError (e.g. a RangeError from an out-of-bounds read) fails. */
function exercise(buf: Buffer): void {
  try {
    const elf = new ElfFile('fuzz.elf', buf);
    for (const name of ['main', 'buffer', 'dup']) elf.symbol(name);
    for (const s of elf.sections) {
      const contents = elf.sectionContents(s.name);
      const first = elf.section(s.name);
      if (contents && first && first.type !== 0) expect(contents.length).toBe(Number(first.size));
    }
    for (const addr of [0x1000n, 0x1004n, 0x2000n, 0n]) {
      try {
        expect(elf.readAtAddress(addr, 4).length).toBe(4);
      } catch (error) {
        if (!(error instanceof ElfFormatError)) throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof ElfFormatError)) throw error;
  }
}
