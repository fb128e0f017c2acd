// Post-build check of an instrumented ELF, run before the binary runs anywhere: catches LLVM version mixes.
import { readFile } from 'node:fs/promises';
import type { Machine } from './machines';
import { checkProfileLayout } from './profile-layout-check';
import { parseCompilerIdent, type CompilerIdent } from '../toolchain/compiler-ident';
import { BinaryCheckError, type BinaryProblem } from '../profile/binary-check-problem';
import { rawVersionForLlvmMajor, type RawVersion } from '../profile/data-record-layout';
import { ElfFile } from '../profile/elf-file';
import { checkPrfRecords } from '../profile/prf-records-check';
import { locatePrfSection } from '../profile/prf-sections';

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
}

/** What a passing binary looks like, for a summary line. */
export interface BinaryCheckReport {
  path: string;
  rawVersion: RawVersion;
  pointerBytes: 4 | 8;
  /** Number of __llvm_prf_data records (instrumented functions). */
  recordCount: number;
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
  const data = locatePrfSection(elf, '__llvm_prf_data');
  if ((!data || data.end === data.start) && !hasCode(elf)) {
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
  if (!data || data.end === data.start) {
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
  const counters = locatePrfSection(elf, '__llvm_prf_cnts');
  const summary = checkPrfRecords(
    elf,
    data,
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
  return { path, rawVersion, pointerBytes: elf.pointerBytes, ...summary, compilers, elf };
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
