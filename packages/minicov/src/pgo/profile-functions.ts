// Reads which functions a merged profile says ran, and which ones an optimized build could not match.
import { runTool } from '../process/run-tool';

/** One function of an indexed profile; `count` is its largest counter (zero: it never ran). */
export interface ProfileFunction {
  name: string;
  hash: bigint;
  count: number;
}

/** Functions in the indexed profile whose entry count is above zero. */
export async function functionsThatRan(
  llvmProfdata: string,
  profdata: string,
): Promise<ProfileFunction[]> {
  const output = await runTool(llvmProfdata, ['show', '--all-functions', '--counts', profdata]);
  return parseShowFunctions(output.stdout).filter((entry) => entry.count > 0);
}

/**
 * Parses `llvm-profdata show --all-functions --counts`: `  name:`, then `    Hash: 0x...`, then
 * `    Function count: N` (front-end profiles) and `    Block counts: [a, b, ...]`.
 */
export function parseShowFunctions(text: string): ProfileFunction[] {
  const functions: ProfileFunction[] = [];
  let current: ProfileFunction | undefined;
  for (const line of text.split('\n')) {
    const name = /^ {2}(\S.*):$/.exec(line);
    if (name) {
      current = { name: name[1] as string, hash: 0n, count: 0 };
      functions.push(current);
      continue;
    }
    if (!current) continue;
    const hash = /^ {4}Hash: (0x[0-9a-f]+)$/.exec(line);
    if (hash) current.hash = BigInt(hash[1] as string);
    const count = /^ {4}Function count: (\d+)$/.exec(line);
    if (count) current.count = Math.max(current.count, Number(count[1]));
    const blocks = /^ {4}Block counts: \[(.*)\]$/.exec(line);
    if (blocks?.[1])
      current.count = Math.max(
        current.count,
        ...blocks[1].split(',').map((value) => Number(value.trim()) || 0),
      );
  }
  return functions;
}

/** What the compilers reported as unmatched while building with the profile. */
export interface Unmatched {
  names: Set<string>;
  hashes: Set<bigint>;
}

/**
 * Functions the compilers could not match while building with the profile: LLVM's
 * `-pgo-warn-missing-function` ("no profile data available for function X Hash = N") from rustc and
 * clang, and hash mismatches ("function control flow change detected (hash mismatch) X Hash = N"); the
 * hashes of the missing ones only.
 */
export function unmatchedFunctions(buildOutput: string): Unmatched {
  const unmatched: Unmatched = { names: new Set(), hashes: new Set() };
  const pattern =
    /(no profile data available for function|function control flow change detected \(hash mismatch\)) (\S+)(?: Hash = (\d+))?/g;
  for (const match of buildOutput.matchAll(pattern)) {
    unmatched.names.add(match[2] as string);
    // A hash mismatch names a function the profile has, so its name says which one; only a function the profile
    // lacks under its name may be one whose name changed. Its hash then tells which (trivial functions share one hash).
    if (match[3] && match[1]?.startsWith('no profile data')) unmatched.hashes.add(BigInt(match[3]));
  }
  return unmatched;
}

/**
 * The functions that ran but that the optimized build did not match: by name, or, when the name changed
 * (a different symbol mangling), by the control-flow hash the compiler printed for the unmatched function.
 */
export function ranButUnmatched(
  ran: readonly ProfileFunction[],
  unmatched: Unmatched,
): ProfileFunction[] {
  return ran.filter(
    (fn) =>
      unmatched.names.has(fn.name) ||
      unmatched.names.has(cSymbolOf(fn.name)) ||
      unmatched.hashes.has(fn.hash),
  );
}

/** A C static function is `file.c;name` in an IR profile; the compiler names it `name`. */
function cSymbolOf(profileName: string): string {
  const separator = profileName.lastIndexOf(';');
  return separator >= 0 ? profileName.slice(separator + 1) : profileName;
}
