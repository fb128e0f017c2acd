// Version queries remembered by the identity of what answered them: a step asks rustc, cargo, clang, the LLVM tools
// or QEMU again only when a file that decides the answer changed (program, pin file, rustup settings, sysroot).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** What decides a query's answer: files (compared by inode, size and change times) and any other values. */
export interface QueryIdentity {
  files: readonly (string | undefined)[];
  values: readonly unknown[];
}

/** Environment variables that change which toolchain a rustup proxy runs. */
const RUSTUP_VARIABLES = ['RUSTUP_TOOLCHAIN', 'RUSTUP_HOME', 'CARGO_HOME'];

/** Which files an answer itself names (checked like the identity's), and which answers to keep at all. */
export interface RememberOptions<T> {
  answerFiles?: (answer: T) => readonly string[];
  keep?: (answer: T) => boolean;
}

/**
 * What decides the answer of `kind`'s query of `program`, which may be a rustup proxy: the program, the pin file that
 * applies (`pinFile`), rustup's settings (default toolchain, directory overrides) and its variables.
 */
export function rustupProgramIdentity(
  kind: string,
  program: string,
  pinFile: string | undefined,
  env: Record<string, string | undefined>,
): QueryIdentity {
  return {
    files: [program, pinFile, join(env.RUSTUP_HOME || join(homedir(), '.rustup'), 'settings.toml')],
    values: [kind, program, RUSTUP_VARIABLES.map((name) => env[name])],
  };
}

interface Remembered {
  signatures: Record<string, string>;
  answer: unknown;
}

/**
 * The answer of `ask`, from the cache when every file of `identity` (and of `answerFiles(answer)`, files the answer
 * itself names) is unchanged since it was stored. Failures are never remembered. MINICOV_PROBE_CACHE=off turns it off.
 */
export async function rememberedQuery<T>(
  identity: QueryIdentity,
  ask: () => Promise<T>,
  { answerFiles = () => [], keep = () => true }: RememberOptions<T> = {},
): Promise<T> {
  const directory = cacheDirectory();
  if (!directory) return ask();
  const entry = join(directory, `${digest(identity)}.json`);
  const stored = readEntry(entry);
  if (stored && Object.entries(stored.signatures).every(([file, sig]) => signature(file) === sig))
    return stored.answer as T;
  const answer = await ask();
  if (!keep(answer)) return answer;
  const files = [
    ...identity.files.filter((file): file is string => !!file),
    ...answerFiles(answer),
  ];
  writeEntry(entry, {
    signatures: Object.fromEntries(files.map((file) => [file, signature(file)])),
    answer,
  });
  return answer;
}

/** The directory of remembered answers (one per user, owned by them), or undefined when off or not usable. */
function cacheDirectory(): string | undefined {
  if (process.env.MINICOV_PROBE_CACHE === 'off') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const directory =
    process.env.MINICOV_PROBE_CACHE || join(tmpdir(), `minicov-probes-${uid ?? 'user'}`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    // Never trust answers in a directory someone else made.
    return uid === undefined || statSync(directory).uid === uid ? directory : undefined;
  } catch {
    return undefined;
  }
}

function digest(identity: QueryIdentity): string {
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

/** A file's identity: inode, size and modification and change times in nanoseconds ('-' when it does not exist). */
function signature(file: string): string {
  try {
    const info = statSync(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch {
    return '-';
  }
}

function readEntry(path: string): Remembered | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Remembered;
    return typeof parsed.signatures === 'object' && parsed.signatures !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the entry whole (a temporary file renamed over it), so a parallel step never reads half of one. */
function writeEntry(path: string, entry: Remembered): void {
  try {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A cache that cannot be written only costs the next step another query.
  }
}
