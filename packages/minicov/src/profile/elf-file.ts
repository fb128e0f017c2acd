// A small, defensive ELF reader: sections, symbols and bytes at virtual addresses; never reads past the buffer.
import { MinicovError } from '../errors';

/** The file is not an ELF file, or one whose headers point outside it. */
export class ElfFormatError extends MinicovError {
  constructor(path: string, problem: string) {
    super(
      `${path}: not a readable ELF file: ${problem}`,
      'check that the path names the linked binary (not a hex/bin image or an archive) and that the build wrote it completely; rebuild it',
    );
  }
}

/** One section header, with its name resolved; addresses and sizes are bigint so 64-bit values stay exact. */
export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  /** File offset; only meaningful (and checked to fit the file) when the section has contents. */
  offset: number;
  size: bigint;
  /** sh_link: for .symtab, the index of its string table. */
  link: number;
}

/** One program header of type PT_LOAD: what a loader (or a flash programmer) places where. */
export interface ElfLoadSegment {
  /** Where the segment runs (p_vaddr). */
  vaddr: bigint;
  /** Where its file bytes are written (p_paddr, the load address). */
  paddr: bigint;
  fileOffset: number;
  fileSize: bigint;
  memSize: bigint;
  /** p_flags: 1 execute, 2 write, 4 read. */
  flags: number;
}

/** One .symtab entry. */
export interface ElfSymbol {
  name: string;
  value: bigint;
  size: bigint;
  sectionIndex: number;
}

/** A .symtab entry with its kind, in table order (each object's local symbols follow its STT_FILE entry). */
export interface ElfSymbolEntry extends ElfSymbol {
  /** STT_NOTYPE 0, STT_OBJECT 1, STT_FUNC 2, STT_SECTION 3, STT_FILE 4. */
  type: number;
  local: boolean;
}

/** Symbol types the reader cares about. */
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_FILE = 4;

/** Section types and flags the reader cares about. */
export const SHT_NULL = 0;
export const SHT_SYMTAB = 2;
export const SHT_NOBITS = 8;
export const SHF_WRITE = 1n;
export const SHF_ALLOC = 2n;
export const PT_LOAD = 1;

const SHN_UNDEF = 0;
const SHN_XINDEX = 0xffff;
/** Largest NOBITS range handed out as zeros (far above any embedded RAM). */
const MAX_ZERO_FILL = 256 * 1024 * 1024;

/** A parsed ELF image over a Buffer; every read is bounds-checked and failures throw ElfFormatError. */
export class ElfFile {
  readonly is64: boolean;
  readonly littleEndian: boolean;
  readonly machine: number;
  readonly sections: readonly ElfSection[];
  /** The PT_LOAD program headers, in file order. */
  readonly loadSegments: readonly ElfLoadSegment[];
  private symbols: Map<string, ElfSymbol> | undefined;
  private entries: ElfSymbolEntry[] | undefined;

  /** Parses `buffer` (the contents of `path`, which only names the file in errors). */
  constructor(
    readonly path: string,
    private readonly buffer: Buffer,
  ) {
    if (buffer.length < 16 || buffer.readUInt32BE(0) !== 0x7f454c46)
      this.fail('no ELF magic (\\x7fELF) at the start');
    const elfClass = buffer[4];
    const data = buffer[5];
    if (elfClass !== 1 && elfClass !== 2)
      this.fail(`unknown ELF class ${elfClass} (expected 1 for 32-bit or 2 for 64-bit)`);
    if (data !== 1 && data !== 2)
      this.fail(`unknown data encoding ${data} (expected 1 little or 2 big endian)`);
    this.is64 = elfClass === 2;
    this.littleEndian = data === 1;
    if (buffer.length < (this.is64 ? 64 : 52))
      this.fail(`file is ${buffer.length} bytes, shorter than the ELF header`);
    this.machine = this.u16(18);
    this.sections = this.readSections();
    this.loadSegments = this.readLoadSegments();
  }

  /** Pointer width of the target: 4 for ELF32, 8 for ELF64. */
  get pointerBytes(): 4 | 8 {
    return this.is64 ? 8 : 4;
  }

  /** The first section called `name`, if any. */
  section(name: string): ElfSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /**
   * A section's bytes (zeros for NOBITS, none for an inactive SHT_NULL header),
   * or undefined when there is no such section.
   */
  sectionContents(name: string): Buffer | undefined {
    const section = this.section(name);
    return section && this.contents(section, 0n, section.size);
  }

  /** The defined .symtab symbol called `name` (global preferred over local), if any. */
  symbol(name: string): ElfSymbol | undefined {
    this.symbols ??= this.readSymbols();
    return this.symbols.get(name);
  }

  /** The bytes backing [addr, addr + size) in the loaded image, via the allocated section that holds them. */
  readAtAddress(addr: bigint, size: number): Buffer {
    if (!Number.isSafeInteger(size) || size < 0) this.fail(`bad read size ${size}`);
    const end = addr + BigInt(size);
    if (size === 0) return Buffer.alloc(0);
    const holder = this.sections.find(
      (s) =>
        (s.flags & SHF_ALLOC) !== 0n &&
        s.type !== SHT_NULL &&
        addr >= s.addr &&
        end <= s.addr + s.size,
    );
    if (!holder) this.fail(`no allocated section holds addresses ${hex(addr)}..${hex(end)}`);
    return this.contents(holder, addr - holder.addr, BigInt(size));
  }

  /** The file bytes of a load segment (p_filesz of them). */
  segmentBytes(segment: ElfLoadSegment): Buffer {
    return this.buffer.subarray(segment.fileOffset, segment.fileOffset + Number(segment.fileSize));
  }

  /** Reads an unsigned integer of `bytes` (1, 2, 4 or 8) from `buf` at `at` in this file's byte order. */
  readUnsigned(buf: Buffer, at: number, bytes: 1 | 2 | 4 | 8): bigint {
    if (at < 0 || at + bytes > buf.length)
      this.fail(`read of ${bytes} bytes at ${at} past a ${buf.length}-byte block`);
    if (bytes === 1) return BigInt(buf.readUInt8(at));
    if (bytes === 2) return BigInt(this.littleEndian ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
    if (bytes === 4) return BigInt(this.littleEndian ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
    return this.littleEndian ? buf.readBigUInt64LE(at) : buf.readBigUInt64BE(at);
  }

  /** Reads a two's-complement signed integer of `bytes` (4 or 8) from `buf` at `at`. */
  readSigned(buf: Buffer, at: number, bytes: 4 | 8): bigint {
    return BigInt.asIntN(bytes * 8, this.readUnsigned(buf, at, bytes));
  }

  private contents(section: ElfSection, start: bigint, size: bigint): Buffer {
    if (section.type === SHT_NULL) return Buffer.alloc(0);
    if (section.type === SHT_NOBITS) {
      if (size > BigInt(MAX_ZERO_FILL))
        this.fail(
          `${size} bytes of ${section.name || 'NOBITS section'} are too many to read as zeros`,
        );
      return Buffer.alloc(Number(size));
    }
    const from = section.offset + Number(start);
    return this.buffer.subarray(from, from + Number(size));
  }

  private readSections(): ElfSection[] {
    const shoff = this.word(this.is64 ? 40 : 32);
    const entsize = this.u16(this.is64 ? 58 : 46);
    let count = this.u16(this.is64 ? 60 : 48);
    let names = this.u16(this.is64 ? 62 : 50);
    if (shoff === 0n) return [];
    if (entsize !== (this.is64 ? 64 : 40))
      this.fail(`section header size is ${entsize}, expected ${this.is64 ? 64 : 40}`);
    const at = (i: number) =>
      this.checkedRange(shoff + BigInt(i * entsize), BigInt(entsize), `section header ${i}`);
    const first = this.rawSection(at(0), 0);
    if (count === 0) count = Number(first.size);
    if (names === SHN_XINDEX) names = first.link;
    if (count > this.buffer.length / entsize)
      this.fail(`${count} section headers cannot fit in the file`);
    const raw = Array.from({ length: count }, (_, i) => this.rawSection(at(i), i));
    const strtab = raw[names];
    if (names !== SHN_UNDEF && !strtab)
      this.fail(`section-name table index ${names} is not below the section count ${count}`);
    return raw.map(({ nameOffset, ...section }) => ({
      ...section,
      name: strtab ? this.string(strtab, nameOffset, `name of section ${section.index}`) : '',
    }));
  }

  private readLoadSegments(): ElfLoadSegment[] {
    const phoff = this.word(this.is64 ? 32 : 28);
    const entsize = this.u16(this.is64 ? 54 : 42);
    const count = this.u16(this.is64 ? 56 : 44);
    if (phoff === 0n || count === 0) return [];
    if (entsize !== (this.is64 ? 56 : 32))
      this.fail(`program header size is ${entsize}, expected ${this.is64 ? 56 : 32}`);
    const segments: ElfLoadSegment[] = [];
    for (let i = 0; i < count; i++) {
      const at = this.checkedRange(
        phoff + BigInt(i * entsize),
        BigInt(entsize),
        `program header ${i}`,
      );
      if (this.u32(at) !== PT_LOAD) continue;
      // ELF64 puts p_flags second; ELF32 puts it after the sizes.
      const w = this.pointerBytes;
      const base = this.is64 ? at + 8 : at + 4;
      const offset = this.word(base);
      const vaddr = this.word(base + w);
      const paddr = this.word(base + 2 * w);
      const fileSize = this.word(base + 3 * w);
      const memSize = this.word(base + 4 * w);
      const flags = this.is64 ? this.u32(at + 4) : this.u32(at + 24);
      const fileOffset = this.checkedRange(offset, fileSize, `load segment ${i} contents`);
      segments.push({ vaddr, paddr, fileOffset, fileSize, memSize, flags });
    }
    return segments;
  }

  private rawSection(at: number, index: number): ElfSection & { nameOffset: number } {
    const w = this.is64 ? 8 : 4;
    const nameOffset = this.u32(at);
    const type = this.u32(at + 4);
    const flags = this.word(at + 8);
    const addr = this.word(at + 8 + w);
    const fileOffset = this.word(at + 8 + 2 * w);
    const size = this.word(at + 8 + 3 * w);
    const link = this.u32(at + 8 + 4 * w);
    const hasBytes = type !== SHT_NOBITS && type !== SHT_NULL;
    const offset = hasBytes ? this.checkedRange(fileOffset, size, `section ${index} contents`) : 0;
    return { index, name: '', type, flags, addr, offset, size, link, nameOffset };
  }

  /** Every defined, named .symtab entry, in table order. */
  symbolTable(): ElfSymbolEntry[] {
    this.entries ??= this.readSymbolTable();
    return this.entries;
  }

  private readSymbols(): Map<string, ElfSymbol> {
    const found = new Map<string, ElfSymbol>();
    for (const { name, value, size, sectionIndex, local } of this.symbolTable()) {
      if (!found.has(name) || !local) found.set(name, { name, value, size, sectionIndex });
    }
    return found;
  }

  private readSymbolTable(): ElfSymbolEntry[] {
    const found: ElfSymbolEntry[] = [];
    const symtab = this.sections.find((s) => s.type === SHT_SYMTAB);
    if (!symtab) return found;
    const entsize = this.is64 ? 24 : 16;
    const strtab = this.sections[symtab.link];
    if (!strtab) this.fail(`.symtab links to string table ${symtab.link}, which does not exist`);
    const table = this.contents(symtab, 0n, symtab.size);
    for (let at = 0; at + entsize <= table.length; at += entsize) {
      const nameOffset = Number(this.readUnsigned(table, at, 4));
      const sectionIndex = Number(this.readUnsigned(table, at + (this.is64 ? 6 : 14), 2));
      const value = this.readUnsigned(table, at + (this.is64 ? 8 : 4), this.pointerBytes);
      const size = this.readUnsigned(table, at + (this.is64 ? 16 : 8), this.pointerBytes);
      const info = Number(this.readUnsigned(table, at + (this.is64 ? 4 : 12), 1));
      if (nameOffset === 0 || sectionIndex === SHN_UNDEF) continue;
      const name = this.string(strtab, nameOffset, `name of symbol ${at / entsize}`);
      found.push({ name, value, size, sectionIndex, type: info & 0xf, local: info >> 4 === 0 });
    }
    return found;
  }

  private string(table: ElfSection, offset: number, what: string): string {
    if (table.type === SHT_NOBITS || BigInt(offset) >= table.size)
      this.fail(`${what} lies outside its string table`);
    const start = table.offset + offset;
    const end = this.buffer.indexOf(0, start);
    if (end < 0 || end >= table.offset + Number(table.size))
      this.fail(`${what} is not NUL-terminated inside its string table`);
    return this.buffer.toString('latin1', start, end);
  }

  private checkedRange(offset: bigint, size: bigint, what: string): number {
    if (offset + size > BigInt(this.buffer.length)) {
      this.fail(
        `${what} (${size} bytes at offset ${hex(offset)}) extends past the end of the ${this.buffer.length}-byte file`,
      );
    }
    return Number(offset);
  }

  private word(at: number): bigint {
    return this.readUnsigned(this.buffer, at, this.pointerBytes);
  }

  private u32(at: number): number {
    return Number(this.readUnsigned(this.buffer, at, 4));
  }

  private u16(at: number): number {
    return Number(this.readUnsigned(this.buffer, at, 2));
  }

  private fail(problem: string): never {
    throw new ElfFormatError(this.path, problem);
  }
}

/** Formats an address the way readelf does. */
export function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}
