// Checks, before anything is written, that the crate's directory and name are free and the Cargo workspace can take it.
import { parseTomlText } from '../../model/toml-text';
import { posix } from 'node:path';
import { getProjects, type Tree } from '@nx/devkit';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../../errors';

const NOTHING_WRITTEN = 'nothing was written';

type WorkspaceManifest = { package?: { name?: unknown }; workspace?: { members?: unknown } };

/** The crate's directory, relative to the workspace root with "/" separators; throws when it leaves the workspace. */
export function crateDirectory(name: string, directory: string | undefined): string {
  if (directory === undefined) return `crates/${name}`;
  const normalized = posix.normalize(directory.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (
    posix.isAbsolute(normalized) ||
    normalized === '.' ||
    normalized === '' ||
    normalized === '..' ||
    normalized.startsWith('../')
  ) {
    throw new MinicovError(
      `--directory ${directory} is not a directory inside the workspace`,
      `give a path relative to the workspace root, e.g. crates/${name}; ${NOTHING_WRITTEN}`,
    );
  }
  return normalized;
}

/**
 * Throws unless `directory` is empty, no Nx project or Cargo workspace member is called `name`,
 * and Cargo.toml is a workspace.
 */
export function checkPlaceIsFree(tree: Tree, name: string, directory: string): void {
  if (tree.exists(posix.join(directory, 'Cargo.toml'))) {
    throw new MinicovError(
      `${directory}/Cargo.toml already exists`,
      `choose another name, or another place with --directory; ${NOTHING_WRITTEN}`,
    );
  }
  if (tree.isFile(directory) || tree.children(directory).length > 0) {
    throw new MinicovError(
      `${directory} already exists and is not empty`,
      `choose another place with --directory, or remove ${directory}; ${NOTHING_WRITTEN}`,
    );
  }
  const project = getProjects(tree).get(name);
  if (project) {
    throw new MinicovError(
      `an Nx project named "${name}" already exists (at ${project.root})`,
      `choose another --name; ${NOTHING_WRITTEN}`,
    );
  }
  const member = workspaceMemberNamed(tree, name);
  if (member !== undefined) {
    throw new MinicovError(
      `the Cargo workspace already has a package named "${name}" (in ${member})`,
      `choose another --name; ${NOTHING_WRITTEN}`,
    );
  }
}

/** The directory of the Cargo workspace member whose package is named `name`, if the workspace has one. */
export function workspaceMemberNamed(tree: Tree, name: string): string | undefined {
  const manifest = readWorkspaceManifest(tree);
  if (!manifest) return undefined;
  return memberDirectories(tree, manifest).find((member) => packageName(tree, member) === name);
}

/** The root Cargo.toml, checked to be a workspace the crate can be added to (undefined when there is none yet). */
function readWorkspaceManifest(tree: Tree): WorkspaceManifest | undefined {
  const text = tree.read('Cargo.toml', 'utf-8');
  if (text === null) return undefined;
  const manifest = parseTomlText(
    'Cargo.toml',
    text,
    `fix the workspace manifest, then run the generator again; ${NOTHING_WRITTEN}`,
  ) as WorkspaceManifest;
  if (!manifest.workspace) {
    throw new MinicovError(
      'Cargo.toml at the workspace root is a package, not a [workspace]',
      `add a [workspace] table with \`members = []\` to it, then run the generator again; ${NOTHING_WRITTEN}`,
    );
  }
  return manifest;
}

/** The directories of the workspace's members, with "*" patterns expanded against the tree; "." for a root package. */
function memberDirectories(tree: Tree, manifest: WorkspaceManifest): string[] {
  const members = Array.isArray(manifest.workspace?.members)
    ? manifest.workspace.members.filter((member): member is string => typeof member === 'string')
    : [];
  const found = manifest.package ? ['.'] : [];
  for (const member of members)
    found.push(...expand(tree, posix.normalize(member).replace(/\/+$/, '').split('/')));
  return found;
}

function expand(tree: Tree, segments: string[], base = ''): string[] {
  const [segment, ...rest] = segments;
  if (segment === undefined) return [base || '.'];
  if (!/[*?[]/.test(segment)) return expand(tree, rest, base ? `${base}/${segment}` : segment);
  const pattern = new RegExp(
    `^${segment
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return tree
    .children(base)
    .filter((child) => pattern.test(child) && !tree.isFile(base ? `${base}/${child}` : child))
    .flatMap((child) => expand(tree, rest, base ? `${base}/${child}` : child));
}

function packageName(tree: Tree, directory: string): string | undefined {
  const text = tree.read(posix.join(directory, 'Cargo.toml'), 'utf-8');
  if (text === null) return undefined;
  try {
    const name = (parseToml(text) as { package?: { name?: unknown } }).package?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined; // cargo reports a broken member manifest itself; it cannot hold our name
  }
}
