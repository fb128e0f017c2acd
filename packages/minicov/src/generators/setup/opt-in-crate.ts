// Adopts an existing crate as it is: plans the runtime dependency, [package.metadata.minicov],
// the check-cfg lint and workspace membership.
import { parseTomlText } from '../../model/toml-text';
import { posix } from 'node:path';
import { type Tree } from '@nx/devkit';
import { parse as parseToml } from 'smol-toml';
import { MinicovError } from '../../errors';
import { callsCapture, captureSnippet } from './capture-snippet';
import { planMembership, type Membership } from './cargo-workspace-membership';
import {
  MINICOV_CFG,
  UNEXPECTED_CFGS_LINE,
  withMinicovCheckCfg,
  type LintsTable,
} from './check-cfg-lint';
import { configuredRustflags, readCargoConfigFiles } from './crate-cargo-config';
import { decideRunSettings, type CrateRunSettings } from './crate-run-settings';
import { linkXReason } from './link-x';
import { metadataTable } from './metadata-table';
import { appendBlock, findTable, insertIntoTable } from './toml-text';

type CrateManifest = {
  package: { name: string; build?: unknown; metadata?: { minicov?: unknown } };
  dependencies?: Record<string, unknown>;
  lints?: { workspace?: unknown };
};

/** What adopting a crate writes (path -> new text, only changed files) and says; decided before anything is written. */
export interface CrateAdoption {
  writes: Map<string, string>;
  notes: string[];
  /** What the user still has to add by hand (the capture call), printed last. */
  todo: string[];
  /** The crate's target: "host" or a triple (from the table written, or the one kept). */
  target: string;
}

/** --target and --machine, which take precedence over the crate's .cargo/config.toml. */
export interface AdoptionOptions {
  target?: string;
  machine?: string;
}

/** The crate directory as setup names it: relative, "/" separators, no "./" or trailing "/". */
export function normalizeCrateDir(project: string): string {
  const normalized = posix.normalize(project.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normalized === '' ? '.' : normalized;
}

/** Reads and checks `crateDir`/Cargo.toml before anything is written; throws naming the file and the fix. */
export function readCrateToOptIn(
  tree: Tree,
  crateDir: string,
): { manifestPath: string; text: string; manifest: CrateManifest } {
  const manifestPath = posix.join(crateDir, 'Cargo.toml');
  const text = tree.read(manifestPath, 'utf-8');
  if (text === null) {
    throw new MinicovError(
      `--project ${crateDir}: there is no ${manifestPath}`,
      'pass the directory of a Cargo crate, relative to the workspace root; nothing was written',
    );
  }
  const manifest = parseTomlText(
    manifestPath,
    text,
    'fix the manifest; nothing was written',
  ) as Partial<CrateManifest>;
  if (!manifest.package?.name) {
    throw new MinicovError(
      `${manifestPath} has no [package]`,
      'pass the directory of a package crate, not of a workspace manifest; nothing was written',
    );
  }
  return { manifestPath, text, manifest: manifest as CrateManifest };
}

/**
 * Decides everything adopting `crateDir` writes;
 * throws a MinicovError (nothing written) when the crate's target or machine cannot be settled.
 */
export function planCrateAdoption(
  tree: Tree,
  crateDir: string,
  options: AdoptionOptions,
  runtimeCrateDir: string,
): CrateAdoption {
  const { manifestPath, text, manifest } = readCrateToOptIn(tree, crateDir);
  const name = manifest.package.name;
  const files = readCargoConfigFiles(tree, crateDir);
  const membership = planMembership(tree, crateDir, manifest as unknown as Record<string, unknown>);
  const writes = new Map<string, string>();
  const notes = membershipNotes(crateDir, membership);
  if (membership.kind === 'add') writes.set(membership.manifest, membership.text);

  let crateText = text.endsWith('\n') ? text : `${text}\n`;
  if (!manifest.dependencies?.minicov) {
    const path = posix.relative(crateDir, runtimeCrateDir.split('\\').join('/'));
    const line = `minicov = { path = ${JSON.stringify(path)}, default-features = false }`;
    const table = findTable(crateText, ['dependencies']);
    const edited = verified(
      table
        ? insertIntoTable(crateText, table, line)
        : appendBlock(crateText, `[dependencies]\n${line}\n`),
      (parsed) => parsed.dependencies?.minicov !== undefined,
    );
    crateText = edited ?? crateText;
    notes.push(
      edited
        ? `${manifestPath}: added \`${line}\`, the runtime that writes the profile (called under #[cfg(minicov)], it is linked into minicov builds only)`
        : `${manifestPath}: add \`${line}\` to [dependencies] by hand (setup found no place to add it without rewriting the file)`,
    );
  }

  let target: string;
  let runner: 'qemu' | 'host' | undefined;
  const existing = manifest.package.metadata?.minicov;
  if (existing !== undefined) {
    const settings = existing as { target?: unknown; runner?: unknown };
    target = typeof settings.target === 'string' ? settings.target : 'host';
    runner = settings.runner === 'qemu' || settings.runner === 'host' ? settings.runner : undefined;
    const ignored =
      options.target !== undefined || options.machine !== undefined
        ? '; --target and --machine were not applied: edit the table to change it'
        : '';
    notes.push(`${manifestPath}: kept the existing [package.metadata.minicov]${ignored}`);
  } else {
    const settings = decideRunSettings({
      crate: `${name} (${crateDir})`,
      files,
      target: options.target,
      machine: options.machine,
    });
    target = settings.runner === 'qemu' ? settings.target : 'host';
    runner = settings.runner;
    const buildScript =
      tree.read(
        posix.join(
          crateDir,
          typeof manifest.package.build === 'string' ? manifest.package.build : 'build.rs',
        ),
        'utf-8',
      ) ?? undefined;
    const linkX =
      settings.runner === 'qemu'
        ? linkXReason(
            configuredRustflags(files, settings.target),
            manifest as unknown as Record<string, unknown>,
            buildScript,
          )
        : undefined;
    const table = metadataTable(name, settings, linkX !== undefined);
    const edited = verified(
      appendBlock(crateText, table),
      (parsed) => parsed.package.metadata?.minicov !== undefined,
    );
    crateText = edited ?? crateText;
    notes.push(
      edited
        ? `${manifestPath}: added [package.metadata.minicov]: ${describeSettings(settings, linkX)}`
        : `${manifestPath}: add this table by hand (setup found no place to add it without rewriting the file): ${describeSettings(settings, linkX)}\n${table}`,
    );
  }
  for (const file of files) notes.push(`${file.path}: read, not changed`);

  const lints = planLints(tree, crateDir, manifestPath, crateText, manifest, membership, writes);
  crateText = lints.crateText;
  notes.push(lints.note);
  if (crateText !== text) writes.set(manifestPath, crateText);
  const todo = runner && !callsCapture(tree, crateDir) ? captureSnippet(name, runner) : [];
  return { writes, notes, todo, target };
}

/** `text` when it parses and `holds` for it, else undefined (the edit is left to the user). */
function verified(text: string, holds: (manifest: CrateManifest) => boolean): string | undefined {
  try {
    return holds(parseToml(text) as CrateManifest) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Adds cfg(minicov) to the crate's [lints.rust], or to [workspace.lints.rust] when the crate inherits its lints. */
function planLints(
  tree: Tree,
  crateDir: string,
  manifestPath: string,
  crateText: string,
  manifest: CrateManifest,
  membership: Membership,
  writes: Map<string, string>,
): { crateText: string; note: string } {
  const why =
    'minicov compiles coverage and profile-generate builds with --cfg minicov, so #[cfg(minicov)] code is expected';
  const inherits = manifest.lints?.workspace === true;
  const workspaceManifest = !inherits
    ? manifestPath
    : membership.kind === 'add' || membership.kind === 'listed'
      ? membership.manifest
      : membership.kind === 'own-workspace'
        ? manifestPath
        : undefined;
  const table: LintsTable = inherits ? ['workspace', 'lints', 'rust'] : ['lints', 'rust'];
  const where = `[${table.join('.')}] unexpected_cfgs`;
  if (workspaceManifest === undefined) {
    return {
      crateText,
      note: `${manifestPath}: [lints] workspace = true, but ${crateDir} is in no Cargo workspace; add \`${UNEXPECTED_CFGS_LINE}\` to the [lints.rust] it should use (${why})`,
    };
  }
  const current =
    workspaceManifest === manifestPath
      ? crateText
      : (writes.get(workspaceManifest) ?? tree.read(workspaceManifest, 'utf-8') ?? '');
  const edited = withMinicovCheckCfg(current, table);
  if (edited === undefined) {
    return {
      crateText,
      note: `${workspaceManifest}: add "${MINICOV_CFG}" to the check-cfg list of ${where} by hand (setup found no place to add it without rewriting the file); ${why}`,
    };
  }
  const note =
    edited === current
      ? `${workspaceManifest}: ${where} already expects ${MINICOV_CFG}`
      : `${workspaceManifest}: added ${MINICOV_CFG} to the check-cfg list of ${where}; ${why}`;
  if (workspaceManifest === manifestPath) return { crateText: edited, note };
  if (edited !== current) writes.set(workspaceManifest, edited);
  return { crateText, note };
}

/** What setup did about the crate's Cargo workspace, as notes. */
function membershipNotes(crateDir: string, membership: Membership): string[] {
  switch (membership.kind) {
    case 'add':
      return [
        `${membership.manifest}: added "${membership.member}" to [workspace] members, so cargo builds ${crateDir} in that workspace`,
      ];
    case 'listed':
      return [
        `${membership.manifest}: ${crateDir} is already a workspace member (members entry "${membership.entry}"); kept`,
      ];
    case 'excluded':
      return [
        `${membership.manifest}: ${crateDir} is in the workspace's exclude ("${membership.entry}"), so it stays a standalone Cargo project; kept`,
      ];
    case 'by-hand':
      return [
        `${membership.manifest}: add "${membership.member}" to [workspace] members by hand (setup found no members list it can extend without rewriting the file)`,
      ];
    case 'own-workspace':
      return [
        `${crateDir}/Cargo.toml has its own [workspace]: the crate stays a standalone Cargo project; kept`,
      ];
    default:
      return [
        `${crateDir}: no Cargo workspace above it, so it stays a standalone Cargo project (its own Cargo.lock and .cargo/config.toml keep working); no root Cargo.toml was created`,
      ];
  }
}

function describeSettings(settings: CrateRunSettings, linkX: string | undefined): string {
  if (settings.runner === 'host') return 'runner host (from --target=host)';
  const fragment = linkX
    ? `; link-fragment = true (${linkX}): instrumented links get minicov's linker fragment beside link.x, which places the profile sections (data and names in FLASH, counters zeroed in RAM)`
    : '';
  return `target ${settings.target} (from ${settings.targetFrom}), runner qemu on machine ${settings.machine.name} (from ${settings.machineFrom})${fragment}`;
}
