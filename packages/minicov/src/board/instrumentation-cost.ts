// What instrumentation costs in an image: counters, bitmap, function records, names, the runtime and the code growth
// against the plain build, per crate (or C file) and in total, and the room each memory region has left.
import {
  SHF_ALLOC,
  SHF_WRITE,
  SHT_NULL,
  STT_FILE,
  STT_FUNC,
  STT_OBJECT,
  type ElfFile,
  type ElfSymbolEntry,
} from '../profile/elf-file';
import { inRegion } from './flash-image';
import type { Machine, MemoryRegion } from './machines';

/** What one crate (or C file) of the image adds. Bytes throughout. */
export interface UnitCost {
  /** The crate, or the C file, its code was compiled from. */
  unit: string;
  counters: number;
  bitmap: number;
  /** Function records in the image (none when correlated). */
  records: number;
  /** Its functions' code in the instrumented build, less in the plain build; undefined without a plain build. */
  codeGrowth?: number;
}

/** The room one memory region of the machine has left for the instrumented image. */
export interface RegionRoom {
  region: 'flash' | 'RAM';
  size: number;
  used: number;
  /** Negative when the image does not fit. */
  left: number;
}

/** The instrumentation's cost in one image. */
export interface InstrumentationCost {
  units: UnitCost[];
  counters: number;
  bitmap: number;
  records: number;
  names: number;
  /** The profiling runtime's own code and read-only data (flash), and its variables (RAM). */
  runtime: { flash: number; ram: number };
  /** The image's flash and RAM, instrumented and (with a plain build) plain. */
  flash: { instrumented: number; plain?: number };
  ram: { instrumented: number; plain?: number };
  /** What the instrumented functions' code adds, crate by crate; undefined without a plain build. */
  codeGrowth?: number;
  /**
   * The rest of the flash difference against the plain build (data, alignment, code outside any function symbol);
   * undefined without a plain build.
   */
  otherFlash?: number;
  /** Room left in each region of the machine, when the image runs on one. */
  regions?: RegionRoom[];
}

/** What the cost is computed from. */
export interface CostInput {
  instrumented: ElfFile;
  /** The same crate built without instrumentation, when there is one. */
  plain?: ElfFile;
  machine?: Machine;
  /** The runtime's C source file names (e.g. `writer.c`); with the `minicov` crate, they are the runtime. */
  runtimeFiles: readonly string[];
  /** Bytes of one function record in this image (the binary check's layout); each instrumented function has one. */
  recordSize: number;
  /** Built with binary correlation: the records are not in the image. */
  correlated: boolean;
}

/** The runtime's Rust crate. */
const RUNTIME_CRATE = 'minicov';

/** The runtime's global C symbols (its local ones are found through their files). */
const RUNTIME_GLOBALS = /^(minicov_|__llvm_profile_)/;

/** Measures what the instrumentation adds to `input.instrumented`. */
export function instrumentationCost(input: CostInput): InstrumentationCost {
  const { instrumented, plain, machine } = input;
  const isRuntime = (unit: string) => unit === RUNTIME_CRATE || input.runtimeFiles.includes(unit);
  const attributed = attributeSymbols(instrumented);
  const globalUnits = new Map(
    attributed.filter(({ symbol }) => !symbol.local).map(({ symbol, unit }) => [symbol.name, unit]),
  );
  const units = new Map<string, UnitCost>();
  const unitCost = (unit: string) => {
    const existing = units.get(unit);
    if (existing) return existing;
    const created: UnitCost = { unit, counters: 0, bitmap: 0, records: 0 };
    units.set(unit, created);
    return created;
  };
  const runtime = { flash: 0, ram: 0 };
  for (const { symbol, unit } of attributed) {
    const size = Number(symbol.size);
    const profile = /^(?:\.L)?__prof(c|bm)_(.+)$/.exec(symbol.name);
    // A function's counters, bitmap and record belong to the crate of its v0 name; a C function's to its file.
    const owner = profile ? (crateOfFunction(profile[2] as string) ?? unit) : unit;
    if (profile?.[1] === 'c') {
      unitCost(owner).counters += size;
      if (!input.correlated) unitCost(owner).records += input.recordSize;
    } else if (profile?.[1] === 'bm') unitCost(owner).bitmap += size;
    else if (isRuntime(unit) && (symbol.type === STT_FUNC || symbol.type === STT_OBJECT)) {
      if (isWritable(instrumented, symbol)) runtime.ram += size;
      else runtime.flash += size;
    }
  }
  const sectionSize = (name: string) => {
    const section = instrumented.section(name);
    return section && (section.flags & SHF_ALLOC) !== 0n ? Number(section.size) : 0;
  };
  const flash = { instrumented: flashBytes(instrumented), plain: plain && flashBytes(plain) };
  const ram = {
    instrumented: ramBytes(instrumented, machine?.ram),
    plain: plain && ramBytes(plain, machine?.ram),
  };
  const cost: InstrumentationCost = {
    units: [],
    counters: sectionSize('__llvm_prf_cnts'),
    bitmap: sectionSize('__llvm_prf_bits'),
    records: sectionSize('__llvm_prf_data'),
    names: sectionSize('__llvm_prf_names'),
    runtime,
    flash,
    ram,
  };
  if (plain) {
    // The plain build's C functions have no counters to tell their file by: the instrumented build's names do.
    const before = functionBytesByUnit(attributeSymbols(plain, globalUnits));
    const after = functionBytesByUnit(attributed);
    for (const [unit, bytes] of after) {
      if (!isRuntime(unit)) unitCost(unit).codeGrowth = bytes - (before.get(unit) ?? 0);
    }
    cost.codeGrowth = [...units.values()].reduce((sum, unit) => sum + (unit.codeGrowth ?? 0), 0);
    cost.otherFlash =
      flash.instrumented -
      (flash.plain ?? 0) -
      cost.records -
      cost.names -
      runtime.flash -
      cost.codeGrowth;
  }
  cost.units = [...units.values()]
    .filter((unit) => !isRuntime(unit.unit) && weight(unit) + Math.abs(unit.codeGrowth ?? 0) > 0)
    .sort((a, b) => weight(b) - weight(a) || a.unit.localeCompare(b.unit));
  if (machine)
    cost.regions = [
      room('flash', machine.flash, flash.instrumented),
      room('RAM', machine.ram, ram.instrumented),
    ];
  return cost;
}

/** The regions the image does not fit in. */
export function overflowingRegions(cost: InstrumentationCost): RegionRoom[] {
  return (cost.regions ?? []).filter((region) => region.left < 0);
}

function room(region: RegionRoom['region'], memory: MemoryRegion, used: number): RegionRoom {
  return { region, size: memory.length, used, left: memory.length - used };
}

function weight(unit: UnitCost): number {
  return unit.counters + unit.bitmap + unit.records + Math.max(0, unit.codeGrowth ?? 0);
}

/** Bytes a flash programmer writes: the file bytes of every load segment. */
export function flashBytes(elf: ElfFile): number {
  return elf.loadSegments.reduce((sum, segment) => sum + Number(segment.fileSize), 0);
}

/** Bytes of RAM the image reserves: allocated sections in `ram` (writable allocated sections without a machine). */
export function ramBytes(elf: ElfFile, ram: MemoryRegion | undefined): number {
  return elf.sections
    .filter(
      (section) =>
        section.type !== SHT_NULL &&
        (section.flags & SHF_ALLOC) !== 0n &&
        (ram
          ? inRegion(ram, section.addr, section.addr + section.size)
          : (section.flags & SHF_WRITE) !== 0n),
    )
    .reduce((sum, section) => sum + Number(section.size), 0);
}

function isWritable(elf: ElfFile, symbol: ElfSymbolEntry): boolean {
  const section = elf.sections[symbol.sectionIndex];
  return section !== undefined && (section.flags & SHF_WRITE) !== 0n;
}

function functionBytesByUnit(symbols: readonly AttributedSymbol[]): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const { symbol, unit } of symbols) {
    if (symbol.type === STT_FUNC) bytes.set(unit, (bytes.get(unit) ?? 0) + Number(symbol.size));
  }
  return bytes;
}

/** A symbol and the crate or C file it was compiled from. */
interface AttributedSymbol {
  symbol: ElfSymbolEntry;
  unit: string;
}

/**
 * Each symbol with its unit: a local symbol belongs to the object file its STT_FILE entry names (`<crate>.<hash>-cgu.N`
 * for Rust, the source file for C); a global Rust symbol to the crate its v0 mangled name starts from; a global C
 * function to the object that holds its counters (`__profc_<name>`), when it has them.
 */
function attributeSymbols(
  elf: ElfFile,
  knownGlobals: ReadonlyMap<string, string> = new Map(),
): AttributedSymbol[] {
  const table = elf.symbolTable();
  const result: AttributedSymbol[] = [];
  const localUnit = new Map<string, string>();
  let file = 'other';
  for (const symbol of table) {
    if (symbol.type === STT_FILE) {
      file = unitOfFile(symbol.name);
      continue;
    }
    if (!symbol.local) continue;
    result.push({ symbol, unit: file });
    const counted = /^(?:\.L)?__profc_(.+)$/.exec(symbol.name)?.[1];
    if (counted !== undefined) localUnit.set(counted, file);
  }
  const runtimeAtomics = table.some(
    (symbol) => symbol.type === STT_FILE && symbol.name === 'atomics.c',
  );
  for (const symbol of table) {
    if (symbol.local || symbol.type === STT_FILE) continue;
    const unit =
      rustCrateOf(symbol.name) ??
      localUnit.get(symbol.name) ??
      knownGlobals.get(symbol.name) ??
      (RUNTIME_GLOBALS.test(symbol.name) || (runtimeAtomics && symbol.name.startsWith('__atomic_'))
        ? RUNTIME_CRATE
        : 'other');
    result.push({ symbol, unit });
  }
  return result;
}

/**
 * The crate of an instrumented Rust function, from its v0 name; undefined for C, and for the entry points rustc names
 * under `__rustc` (the panic handler), which belong to the crate whose object holds them.
 */
function crateOfFunction(name: string): string | undefined {
  const crate = rustCrateOf(name);
  return crate === '__rustc' ? undefined : crate;
}

/** `fw.1a2b3c-cgu.0` → `fw`; a C file keeps its name. */
function unitOfFile(name: string): string {
  return /^([A-Za-z0-9_]+)\.[0-9a-f]+-cgu\.\d+$/.exec(name)?.[1] ?? name;
}

/** The crate a v0-mangled Rust symbol's path starts from (`_RNvCs…_2fw4main` → `fw`), if it is one. */
function rustCrateOf(symbol: string): string | undefined {
  if (!symbol.startsWith('_R')) return undefined;
  const root = /C(?:s[0-9A-Za-z]*_)?(\d+)(_?)/.exec(symbol.slice(2));
  if (!root) return undefined;
  const length = Number(root[1]);
  const start = root.index + root[0].length;
  return symbol.slice(2).slice(start, start + length);
}
