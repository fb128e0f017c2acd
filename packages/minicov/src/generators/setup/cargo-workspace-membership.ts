// Whether a crate is a member of a Cargo workspace, and the conservative edit that makes it one.
import { parseTomlText } from '../../model/toml-text';
import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../../errors';
import { configDirectories } from './crate-cargo-config';
import { appendToArray, findKeyValue, findTable, insertIntoTable } from './toml-text';

/** How an adopted crate relates to the Cargo workspace around it. */
export type Membership =
  | { kind: 'standalone' }
  | { kind: 'own-workspace' }
  | { kind: 'listed'; manifest: string; entry: string }
  | { kind: 'excluded'; manifest: string; entry: string }
  | { kind: 'add'; manifest: string; member: string; text: string }
  | { kind: 'by-hand'; manifest: string; member: string };

type WorkspaceTable = { members?: unknown; exclude?: unknown };

/**
 * The `members` entry that already covers `member` (a path relative to the workspace),
 * or the `exclude` entry that leaves it out.
 */
export function memberEntry(
  workspace: WorkspaceTable,
  member: string,
): { listed: string } | { excluded: string } | undefined {
  const entries = (value: unknown) =>
    Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  const excluded = entries(workspace.exclude).find((entry) => {
    const path = normalize(entry);
    return member === path || member.startsWith(`${path}/`);
  });
  if (excluded !== undefined) return { excluded };
  const listed = entries(workspace.members).find(
    (entry) => normalize(entry) === member || picomatch(normalize(entry))(member),
  );
  return listed === undefined ? undefined : { listed };
}

/**
 * `text` (a manifest with a [workspace] table) with `member` added to `members`,
 * or undefined when no safe edit is found.
 */
export function withWorkspaceMember(text: string, member: string): string | undefined {
  const table = findTable(text, ['workspace']);
  if (!table) return undefined;
  const members = findKeyValue(text, table, 'members');
  const quoted = JSON.stringify(member);
  const edited =
    members === undefined
      ? insertIntoTable(text, table, `members = [${quoted}]`)
      : text[members] === '['
        ? appendToArray(text, members, quoted)
        : undefined;
  if (edited === undefined) return undefined;
  try {
    const parsed = parseToml(edited) as { workspace?: { members?: unknown } };
    return Array.isArray(parsed.workspace?.members) && parsed.workspace.members.includes(member)
      ? edited
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the Cargo workspace `crateDir` belongs to (the nearest parent manifest with [workspace])
 * and decides what setup does about it.
 */
export function planMembership(
  tree: Tree,
  crateDir: string,
  crateManifest: Record<string, unknown>,
): Membership {
  if (crateManifest.workspace !== undefined) return { kind: 'own-workspace' };
  for (const dir of configDirectories(crateDir).slice(1)) {
    const manifest = posix.join(dir, 'Cargo.toml');
    const text = tree.read(manifest, 'utf-8');
    if (text === null) continue;
    const parsed = parseManifest(manifest, text);
    if (parsed.workspace === undefined) {
      if (dir !== '') continue; // cargo looks further up past a package without [workspace]
      throw new MinicovError(
        'Cargo.toml at the workspace root is a package, not a [workspace]',
        `add a [workspace] table with \`members = ["${crateDir}"]\` to it (or move the root package into a directory of its own), then run setup again; nothing was written`,
      );
    }
    const member = posix.relative(dir, crateDir);
    const found = memberEntry(parsed.workspace as WorkspaceTable, member);
    if (found && 'listed' in found) return { kind: 'listed', manifest, entry: found.listed };
    if (found) return { kind: 'excluded', manifest, entry: found.excluded };
    const edited = withWorkspaceMember(text, member);
    return edited === undefined
      ? { kind: 'by-hand', manifest, member }
      : { kind: 'add', manifest, member, text: edited };
  }
  return { kind: 'standalone' };
}

function parseManifest(path: string, text: string): Record<string, unknown> {
  return parseTomlText(
    path,
    text,
    'fix the workspace manifest, then run setup again; nothing was written',
  );
}

function normalize(entry: string): string {
  return posix.normalize(entry.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/+$/, '');
}
