// The record the build step writes beside its binaries, with a digest of each,
// and the check every later step makes of it.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { MinicovError } from '../errors';
import { fileDigest } from '../fs/file-digest';

/** The file written next to the binaries: what was built, with what, and each binary's digest. */
export const BUILD_RECORD = 'build.json';

/** A build output that is not what its step wrote: damaged afterwards, most likely in Nx's cache. */
export class DamagedOutputError extends MinicovError {}

/** Sources that changed after the build compiled them: a report would show their new text against the old counts. */
export class SourcesChangedError extends MinicovError {}

/**
 * The digest of each of `files` inside `workspaceRoot`, keyed by workspace-relative path
 * (files outside it are left out).
 */
export async function sourceDigests(
  workspaceRoot: string,
  files: readonly string[],
): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const file of [...new Set(files)].sort()) {
    const path = relative(workspaceRoot, file);
    if (path.startsWith('..') || isAbsolute(path)) continue;
    const digest = await fileDigest(file).catch(() => undefined);
    if (digest !== undefined) digests[path] = digest;
  }
  return digests;
}

/**
 * Writes `record` into `buildDir`, with the digest of every binary named in `binaries` and of every workspace
 * source the build compiled (`sources`, from sourceDigests).
 */
export async function writeBuildRecord(
  buildDir: string,
  record: Record<string, unknown>,
  binaries: readonly string[],
  sources: Record<string, string> = {},
): Promise<void> {
  const digests: Record<string, string> = {};
  for (const name of binaries) digests[name] = await fileDigest(join(buildDir, name));
  await writeFile(
    join(buildDir, BUILD_RECORD),
    `${JSON.stringify({ ...record, sha256: digests, sources }, null, 2)}\n`,
  );
}

/**
 * Throws SourcesChangedError naming every workspace source the build in `buildDir` compiled that is no longer the same
 * (edited or removed since), so no report shows new text against the old build's counts.
 */
export async function checkSourcesUnchanged(
  buildDir: string,
  workspaceRoot: string,
  producer: string,
  target: string,
): Promise<void> {
  const record = JSON.parse(
    await readFile(join(buildDir, BUILD_RECORD), 'utf8').catch(() => '{}'),
  ) as { sources?: Record<string, unknown> };
  const changed: string[] = [];
  for (const [path, digest] of Object.entries(record.sources ?? {})) {
    const now = await fileDigest(join(workspaceRoot, path)).catch(() => undefined);
    if (now !== digest) changed.push(now === undefined ? `${path} (removed)` : path);
  }
  if (changed.length === 0) return;
  const listed =
    changed.slice(0, 10).join(', ') +
    (changed.length > 10 ? ` and ${changed.length - 10} more` : '');
  throw new SourcesChangedError(
    `${changed.length} source file(s) changed since ${producer} compiled them: ${listed}; the report would show their new text against the old build's counts, so none was written`,
    `run \`nx run ${target}\` again once the edits are done: Nx sees the change and builds, runs and reports again (a failed step is never cached)`,
  );
}

/**
 * Throws DamagedOutputError unless each of `binaries` (paths in the build output `buildDir`) is what the build step
 * `producer` (e.g. `fw:coverage-build`) recorded. `workspaceRoot` shortens the paths messages name.
 */
export async function checkBuildOutput(
  buildDir: string,
  binaries: readonly string[],
  producer: string,
  workspaceRoot: string,
): Promise<void> {
  const shown = (path: string) => relative(workspaceRoot, path);
  const fix =
    `run \`nx reset\` to clear Nx's cache, then the target again: a build output restored from a damaged cache entry is ` +
    `restored again on every run (\`nx run ${producer} --skip-nx-cache\` rebuilds it, but leaves the entry in the cache)`;
  const recordPath = join(buildDir, BUILD_RECORD);
  let digests: Record<string, unknown> | undefined;
  try {
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as { sha256?: unknown };
    if (typeof record.sha256 === 'object' && record.sha256 !== null)
      digests = record.sha256 as Record<string, unknown>;
  } catch {
    // Missing or unreadable: reported below.
  }
  if (!digests) {
    throw new DamagedOutputError(
      `${shown(recordPath)} is missing or unreadable, so the binaries beside it cannot be told from damaged ones (${producer} writes it)`,
      fix,
    );
  }
  for (const binary of binaries) {
    const expected = String(digests[basename(binary)] ?? 'none').slice(0, 16);
    const actual = await fileDigest(binary).catch(() => undefined);
    if (actual === digests[basename(binary)]) continue;
    if (actual === undefined) {
      throw new DamagedOutputError(
        `${shown(binary)} is missing, not the ${expected}… ${producer} recorded in build.json: the build output changed after the build, most likely damaged in Nx's cache`,
        fix,
      );
    }
    throw new DamagedOutputError(
      `${shown(binary)} has SHA-256 ${actual.slice(0, 16)}…, not the ${expected}… ${producer} recorded in build.json: the build output changed after the build, most likely damaged in Nx's cache`,
      fix,
    );
  }
}
