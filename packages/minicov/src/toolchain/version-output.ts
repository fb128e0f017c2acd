// Pure readers of what toolchain programs print about their version: text in, facts out, no processes.
import { coerce, compare, major, prerelease, valid } from 'semver';
import { UnparseableVersionError } from './version-errors';

/** What `rustc -vV` says about a compiler. */
export interface RustcVersion {
  release: string;
  channel: 'stable' | 'beta' | 'nightly' | 'dev';
  llvmVersion: string;
  llvmMajor: number;
  host: string;
  commitDate?: string;
}

/**
 * What `clang --version` says about a compiler; `vendor` is 'apple' for Xcode's clang, whose version is Apple's own.
 */
export interface ClangVersion {
  version: string;
  llvmMajor: number;
  vendor: 'llvm' | 'apple';
  target?: string;
  installedDir?: string;
}

// Apple numbers its clang and LLVM tools by Xcode release, not by the upstream LLVM they were branched from.
// Each row is the first Apple version of an Xcode release and that branch's upstream major (Xcode release
// notes, as tabulated on Wikipedia's Xcode page). A version between rows takes the row below it.
const APPLE_LLVM_MAJORS: ReadonlyArray<readonly [apple: string, llvmMajor: number]> = [
  ['10.0.0', 6], // Xcode 10.0-10.1
  ['10.0.1', 7], // Xcode 10.2-10.3
  ['11.0.0', 8], // Xcode 11.0-11.3
  ['11.0.3', 9], // Xcode 11.4-11.7
  ['12.0.0', 10], // Xcode 12.0-12.4
  ['12.0.5', 11], // Xcode 12.5
  ['13.0.0', 12], // Xcode 13.0-13.2
  ['13.1.6', 13], // Xcode 13.3-13.4
  ['14.0.0', 14], // Xcode 14.0-14.2
  ['14.0.3', 15], // Xcode 14.3
  ['15.0.0', 16], // Xcode 15
  ['16.0.0', 17], // Xcode 16.0-16.2
  ['17.0.0', 19], // Xcode 16.3-16.4, 26
];

/** Reads `rustc -vV` output; throws UnparseableVersionError when release, host or the LLVM version is missing. */
export function parseRustcVersion(output: string, tool: string): RustcVersion {
  const banner = /^rustc (\d\S*)/m.exec(output);
  const fields = readFields(output);
  const release = valid(fields.get('release') ?? banner?.[1] ?? '');
  const llvmVersion = plainVersion(fields.get('LLVM version'));
  const host = fields.get('host');
  if (!banner || !release || !llvmVersion || !host) throw new UnparseableVersionError(tool, output);
  const commitDate = fields.get('commit-date');
  return {
    release,
    channel: rustChannel(release),
    llvmVersion,
    llvmMajor: major(llvmVersion),
    host,
    ...(commitDate && /^\d{4}-\d{2}-\d{2}$/.test(commitDate) ? { commitDate } : {}),
  };
}

/** Reads `cargo -V` or `cargo -vV` output. */
export function parseCargoVersion(output: string, tool: string): { release: string } {
  const banner = /^cargo (\d\S*)/m.exec(output);
  const release = banner ? valid(readFields(output).get('release') ?? banner[1]) : null;
  if (!release) throw new UnparseableVersionError(tool, output);
  return { release };
}

/** Reads `clang --version` output from upstream, distribution, Homebrew, xPack, Arm and Apple builds. */
export function parseClangVersion(output: string, tool: string): ClangVersion {
  const clang = readClangBanner(output);
  if (!clang) throw new UnparseableVersionError(tool, output);
  return clang;
}

/** Reads `llvm-profdata --version` or `llvm-cov --version` output, vendor prefixes and `-rust-` suffixes included. */
export function parseLlvmToolVersion(
  output: string,
  tool: string,
): { version: string; llvmMajor: number } {
  const line = /^\s*(.*?)\bLLVM version (\d[^\s()]*)/m.exec(output);
  const version = plainVersion(line?.[2]);
  if (!line || !version) throw new UnparseableVersionError(tool, output);
  return {
    version,
    llvmMajor: /\bApple\b/.test(line[1] ?? '') ? appleLlvmMajor(version) : major(version),
  };
}

/** Reads `qemu-system-<arch> --version` output, branded builds (xPack) and distribution suffixes included. */
export function parseQemuVersion(output: string, tool: string): { version: string } {
  const version = plainVersion(/\bQEMU emulator version (\d[^\s()]*)/.exec(output)?.[1]);
  if (!version) throw new UnparseableVersionError(tool, output);
  return { version };
}

// The first clang banner line in `output`
// ("<vendor> clang version X", or Xcode <= 10's "Apple LLVM version X (clang-...)").
function readClangBanner(output: string): ClangVersion | undefined {
  for (const line of output.split('\n')) {
    const upstream = /^(.*?)\bclang version (\d[^\s()]*)/.exec(line);
    const oldApple = /^Apple LLVM version (\d[^\s()]*) \(clang-/.exec(line);
    const apple = oldApple !== null || /\bApple\b/.test(upstream?.[1] ?? '');
    const version = plainVersion(upstream?.[2] ?? oldApple?.[1]);
    if (!version) continue;
    const target = /^Target: (\S+)/m.exec(output)?.[1];
    const installedDir = /^InstalledDir: (.+)$/m.exec(output)?.[1];
    return {
      version,
      llvmMajor: apple ? appleLlvmMajor(version) : major(version),
      vendor: apple ? 'apple' : 'llvm',
      ...(target ? { target } : {}),
      ...(installedDir ? { installedDir } : {}),
    };
  }
  return undefined;
}

// `x.y.z` from a version token: '22.1.8' stays, '11.0' becomes '11.0.0', '20.1.1-rust-1.87.0-stable' becomes '20.1.1'.
function plainVersion(token: string | undefined): string | undefined {
  return token === undefined ? undefined : (coerce(token)?.version ?? undefined);
}

// The upstream LLVM major of an Apple version: its row, or the nearest row below; below the table, the first row.
function appleLlvmMajor(appleVersion: string): number {
  let found = APPLE_LLVM_MAJORS[0]?.[1] ?? 0;
  for (const [apple, llvmMajor] of APPLE_LLVM_MAJORS) {
    if (compare(apple, appleVersion) <= 0) found = llvmMajor;
  }
  return found;
}

// A rustc release's channel: no prerelease tag is stable; tags other than nightly and beta are local builds.
function rustChannel(release: string): RustcVersion['channel'] {
  const tag = prerelease(release)?.[0];
  if (tag === undefined) return 'stable';
  return tag === 'nightly' || tag === 'beta' ? tag : 'dev';
}

// The `key: value` lines of `rustc -vV` / `cargo -vV`, first occurrence of each key.
function readFields(output: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    const field = /^([A-Za-z][A-Za-z -]*): (.+)$/.exec(line.trim());
    if (field?.[1] && field[2] && !fields.has(field[1])) fields.set(field[1], field[2].trim());
  }
  return fields;
}
