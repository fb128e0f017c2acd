// include/exclude: which of the report's files the user's glob patterns keep,
// and which include patterns matched nothing.
import picomatch from 'picomatch';

/** The user's patterns, over workspace-relative paths with `/` separators. */
export interface PathPatterns {
  include: readonly string[];
  exclude: readonly string[];
}

/** The files the patterns keep and drop, and each include pattern that matched none of the candidates. */
export interface PatternSelection {
  kept: string[];
  dropped: string[];
  unmatchedIncludes: string[];
}

/**
 * Applies the patterns to `files` (workspace-relative):
 * a file stays if it matches an include (or none are given) and no exclude.
 */
export function selectByPatterns(
  files: readonly string[],
  patterns: PathPatterns,
): PatternSelection {
  const options = { dot: true };
  const includes = patterns.include.map((pattern) => ({
    pattern,
    test: picomatch(pattern, options),
  }));
  const excluded = patterns.exclude.length
    ? picomatch([...patterns.exclude], options)
    : () => false;
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const file of files) {
    const included = includes.length === 0 || includes.some(({ test }) => test(file));
    (included && !excluded(file) ? kept : dropped).push(file);
  }
  const unmatchedIncludes = includes
    .filter(({ test }) => !files.some((file) => test(file)))
    .map(({ pattern }) => pattern);
  return { kept, dropped, unmatchedIncludes };
}
