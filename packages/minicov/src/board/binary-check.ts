// Post-build check of an instrumented ELF, run before the binary runs anywhere: catches LLVM version mixes.
import { readFile } from 'node:fs/promises';
import type { Machine } from './machines';
import { checkProfileLayout } from './profile-layout-check';
import { parseCompilerIdent, type CompilerIdent } from '../toolchain/compiler-ident';
import { BinaryCheckError, type BinaryProblem } from '../profile/binary-check-problem';
import { rawVersionForLlvmMajor, type RawVersion } from '../profile/data-record-layout';
import { ElfFile } from '../profile/elf-file';
import { checkPrfRecords } from '../profile/prf-records-check';
import { correlatedRecords, locatePrfSection, type AddressRange } from '../profile/prf-sections';

export {
  BinaryCheckError,
  type BinaryProblem,
  type BinaryProblemKind,
} from '../profile/binary-check-problem';

/** What the binary must have been built with. */
export interface BinaryCheckExpectation {
  /** The workspace's pinned LLVM major: every clang object and the record layout must match it. */
  llvmMajor: number;
  /** The pinned rustc release (e.g. "1.96.0"); when given, every rustc .comment entry must be this release. */
  rustcRelease?: string;
  /** The board the firmware runs on: its profile sections must be where a flashed board has them. */
  machine?: Machine;
  /** minicov's linker fragment was in the link (for the fix texts). */
  linkFragment?: boolean;
  /** The build asked for binary correlation: records and names in `__llvm_covdata` and `__llvm_covnames` only. */
  correlated?: boolean;
}

/** What a passing binary looks like, for a summary line. */
export interface BinaryCheckReport {
  path: string;
  rawVersion: RawVersion;
  pointerBytes: 4 | 8;
  /** Number of function records (instrumented functions). */
  recordCount: number;
  /** Built with binary correlation: the records and names are in the ELF only, and the profile holds counters alone. */
  correlated: boolean;
  recordBytes: number;
  countersBytes: number;
  /** Every .comment entry, parsed (compilers and linkers that touched the binary). */
  compilers: CompilerIdent[];
  /** The parsed binary, for checking its profiles against it without reading it again. */
  elf: ElfFile;
}

/** Checks an instrumented ELF against the pinned toolchain; throws BinaryCheckError listing every problem. */
export async function checkInstrumentedBinary(
  path: string,
  expect: BinaryCheckExpectation,
): Promise<BinaryCheckReport> {
  const rawVersion = rawVersionForLlvmMajor(expect.llvmMajor);
  if (rawVersion === undefined) {
    throw new BinaryCheckError(path, [
      {
        kind: 'unsupported-llvm',
        message: `LLVM ${expect.llvmMajor} has no raw profile format minicov knows (supported: LLVM 14 to 22)`,
        fix: 'pin a supported LLVM major (llvmMajor in the minicov plugin options of nx.json)',
      },
    ]);
  }
  const elf = new ElfFile(path, await readBinary(path));
  const loaded = nonEmpty(locatePrfSection(elf, '__llvm_prf_data'));
  const covdata = correlatedRecords(elf);
  const data = loaded ?? covdata;
  if (!data && !hasCode(elf)) {
    throw new BinaryCheckError(path, [
      {
        kind: 'not-instrumented',
        message:
          'holds no code at all (no .text with contents): the linker kept nothing, so no linker script or entry point reached the link',
        fix:
          "a cortex-m-rt firmware links with `-Tlink.x`: keep it in the crate's .cargo/config.toml rustflags (minicov runs cargo in the crate's directory, so that file applies) " +
          'or emit `cargo:rustc-link-arg-bins=-Tlink.x` from build.rs; then build again',
      },
    ]);
  }
  if (!data) {
    throw new BinaryCheckError(path, [
      {
        kind: 'not-instrumented',
        message:
          'not instrumented: it has no __llvm_prf_data section (no __start___llvm_prf_data/__stop___llvm_prf_data symbols either)',
        fix: 'build it with the minicov instrument target, i.e. with -Cinstrument-coverage (or -Cprofile-generate) for Rust and -fprofile-instr-generate -fcoverage-mapping for C, and check the linker script keeps __llvm_prf_data',
      },
    ]);
  }
  const problems: BinaryProblem[] = [];
  const compilers = checkCompilers(elf, expect, problems);
  checkCorrelation(loaded, covdata, expect.correlated ?? false, problems);
  const counters = locatePrfSection(elf, '__llvm_prf_cnts');
  const correlated = loaded === undefined;
  const summary = checkPrfRecords(
    elf,
    { range: data, correlated },
    counters,
    { llvmMajor: expect.llvmMajor, rawVersion },
    problems,
  );
  if (expect.machine)
    problems.push(
      ...checkProfileLayout(elf, {
        machine: expect.machine,
        linkFragment: expect.linkFragment ?? false,
      }),
    );
  if (problems.length > 0) throw new BinaryCheckError(path, problems);
  return {
    path,
    rawVersion,
    pointerBytes: elf.pointerBytes,
    ...summary,
    correlated,
    compilers,
    elf,
  };
}

function nonEmpty(range: AddressRange | undefined): AddressRange | undefined {
  return range && range.end > range.start ? range : undefined;
}

/** The records are where the build's correlate setting puts them, and all in one place. */
function checkCorrelation(
  loaded: AddressRange | undefined,
  covdata: AddressRange | undefined,
  expected: boolean,
  problems: BinaryProblem[],
): void {
  const cflags =
    'a build script that compiles C must pass MINICOV_CFLAGS to clang (the cc crate does when it reads CFLAGS from it)';
  if (loaded && covdata) {
    problems.push({
      kind: 'correlation',
      message:
        'holds function records both in __llvm_prf_data (in the image) and in __llvm_covdata (binary correlation): some objects were built with -profile-correlate=binary and some without, and no profile can describe both',
      fix: `build every instrumented object the same way: minicov passes the flag to rustc and, through MINICOV_CFLAGS, to clang; ${cflags}`,
    });
  } else if (expected && loaded) {
    problems.push({
      kind: 'correlation',
      message:
        'was built with correlate = "binary", but its function records are in __llvm_prf_data, in the image: the correlation flag did not reach the compiler',
      fix: `check that nothing replaces minicov's flags (the workspace's RUSTC_WORKSPACE_WRAPPER or rustflags); ${cflags}`,
    });
  } else if (!expected && covdata) {
    problems.push({
      kind: 'correlation',
      message:
        'keeps its function records in __llvm_covdata (built with -profile-correlate=binary), but the crate does not set correlate = "binary", so its profiles would merge without them',
      fix: 'set correlate = "binary" in [package.metadata.minicov], or remove -profile-correlate from the flags in .cargo/config.toml or CFLAGS',
    });
  }
}

/**
 * Throws BinaryCheckError when a checked binary's profile sections lie where a flashed `machine` would not have them
 * (the layout part of checkInstrumentedBinary, for a caller that first measured whether the image fits at all).
 */
export function checkBoardLayout(
  report: BinaryCheckReport,
  machine: Machine,
  linkFragment: boolean,
): void {
  const problems = checkProfileLayout(report.elf, { machine, linkFragment });
  if (problems.length > 0) throw new BinaryCheckError(report.path, problems);
}

/** Whether the binary has code: an empty link (no entry, no script) has none. */
function hasCode(elf: ElfFile): boolean {
  const text = elf.section('.text');
  return text !== undefined && text.size > 0n;
}

/** The NUL-separated strings of .comment, deduplicated, in file order. */
export function commentEntries(elf: ElfFile): string[] {
  const contents = elf.sectionContents('.comment');
  if (!contents) return [];
  const entries = contents
    .toString('latin1')
    .split('\0')
    .map((e) => e.trim());
  return [...new Set(entries.filter((e) => e.length > 0))];
}

function checkCompilers(
  elf: ElfFile,
  expect: BinaryCheckExpectation,
  problems: BinaryProblem[],
): CompilerIdent[] {
  const major = expect.llvmMajor;
  const idents = commentEntries(elf).map((entry) => parseCompilerIdent(entry));
  for (const ident of idents) {
    if (ident.compiler === 'clang' && ident.llvmMajor !== undefined && ident.llvmMajor !== major) {
      problems.push({
        kind: 'compiler-version',
        message: `.comment names "${ident.text}" (LLVM ${ident.llvmMajor}), but the workspace pins LLVM ${major}: an object in it was compiled by clang ${ident.llvmMajor}`,
        fix:
          `rebuild that object or library with clang-${major}: for C compiled by a build script set CC=clang-${major} ` +
          `(and AR=llvm-ar-${major}), rebuild prebuilt static libraries with clang-${major}, then \`cargo clean\` so stale objects are not linked again`,
      });
    }
    if (
      ident.compiler === 'rustc' &&
      expect.rustcRelease !== undefined &&
      ident.version !== expect.rustcRelease
    ) {
      problems.push({
        kind: 'compiler-version',
        message: `.comment names "${ident.text}", but the workspace pins rustc ${expect.rustcRelease}`,
        fix: `build every crate with rustc ${expect.rustcRelease} (check rust-toolchain.toml and RUSTC), then \`cargo clean\` so crates built by another rustc are rebuilt`,
      });
    }
  }
  return idents;
}

async function readBinary(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BinaryCheckError(path, [
      {
        kind: 'unreadable',
        message: `cannot read the binary: ${reason}`,
        fix: 'build it first, or pass the path of the linked ELF',
      },
    ]);
  }
}
