// Reads the producer strings compilers and linkers leave in an ELF `.comment` section.
import { coerce, major, valid } from 'semver';
import { UnparseableVersionError } from './version-errors';
import { parseClangVersion } from './version-output';

/** One `.comment` entry: who produced the object, at which version, on which LLVM major when known. */
export interface CompilerIdent {
  compiler: 'clang' | 'rustc' | 'gcc' | 'lld' | 'other';
  version?: string;
  llvmMajor?: number;
  text: string;
}

/** Reads one NUL-separated string of an ELF `.comment` section; never throws, unknown producers are 'other'. */
export function parseCompilerIdent(entry: string): CompilerIdent {
  const text = entry.replace(/\0/g, '').trim();
  // rustc's LLVM is not in its ident; the caller maps the release to LLVM separately.
  const rustc = /^rustc version (\d\S*)/.exec(text)?.[1];
  if (rustc) return { compiler: 'rustc', version: valid(rustc) ?? plainVersion(rustc), text };
  const clang = clangIdent(text);
  if (clang) return { compiler: 'clang', version: clang.version, llvmMajor: clang.llvmMajor, text };
  const lld = plainVersion(/\bLLD (\d[^\s()]*)/.exec(text)?.[1]);
  if (lld) return { compiler: 'lld', version: lld, llvmMajor: major(lld), text };
  const gcc = plainVersion(/^GCC: \(.*\) (\d[^\s()]*)/.exec(text)?.[1]);
  if (gcc) return { compiler: 'gcc', version: gcc, text };
  return { compiler: 'other', text };
}

// A clang ident is its `--version` banner line, so the banner reader (Apple's numbering included) applies.
function clangIdent(text: string): { version: string; llvmMajor: number } | undefined {
  try {
    return parseClangVersion(text, '.comment');
  } catch (error) {
    if (error instanceof UnparseableVersionError) return undefined;
    throw error;
  }
}

// `x.y.z` from a version token, or undefined.
function plainVersion(token: string | undefined): string | undefined {
  return token === undefined ? undefined : (coerce(token)?.version ?? undefined);
}
