// Declares `cfg(minicov)` to rustc's check-cfg in a manifest's [lints.rust] (or [workspace.lints.rust]),
// editing the text in place.
import { parse as parseToml } from 'smol-toml';
import {
  appendBlock,
  appendToArray,
  appendToInlineTable,
  findKeyValue,
  findTable,
  insertIntoTable,
} from './toml-text';

/**
 * Where the lint lives: a crate's own lints, or the workspace's that crates inherit with `[lints] workspace = true`.
 */
export type LintsTable = readonly ['lints', 'rust'] | readonly ['workspace', 'lints', 'rust'];

/** The check-cfg entry minicov builds need. */
export const MINICOV_CFG = 'cfg(minicov)';

/** The unexpected_cfgs entry written when there is none. */
export const UNEXPECTED_CFGS_LINE = `unexpected_cfgs = { level = "warn", check-cfg = ["${MINICOV_CFG}"] }`;

/** Whether the parsed manifest already declares `cfg(minicov)` in `table`. */
export function declaresMinicovCfg(manifest: Record<string, unknown>, table: LintsTable): boolean {
  const lint = lookUp(manifest, [...table, 'unexpected_cfgs']);
  const list = isTable(lint) ? lint['check-cfg'] : undefined;
  return (
    Array.isArray(list) &&
    list.some((entry) => typeof entry === 'string' && entry.replace(/\s/g, '') === MINICOV_CFG)
  );
}

/**
 * `text` with `cfg(minicov)` declared in `table` (the same text when it already is),
 * or undefined when no safe edit is found.
 */
export function withMinicovCheckCfg(text: string, table: LintsTable): string | undefined {
  const manifest = parse(text);
  if (!manifest) return undefined;
  if (declaresMinicovCfg(manifest, table)) return text;
  const edited = edit(text, manifest, table);
  const result = edited === undefined ? undefined : parse(edited);
  return result && declaresMinicovCfg(result, table) ? edited : undefined;
}

function edit(
  text: string,
  manifest: Record<string, unknown>,
  table: LintsTable,
): string | undefined {
  const rust = lookUp(manifest, table);
  if (rust === undefined) {
    return appendBlock(
      text,
      `# minicov builds this crate with --cfg minicov (coverage and profile-generate builds only).\n[${table.join('.')}]\n${UNEXPECTED_CFGS_LINE}\n`,
    );
  }
  const lintTable = findTable(text, [...table, 'unexpected_cfgs']);
  if (lintTable) {
    const list = findKeyValue(text, lintTable, 'check-cfg');
    if (list === undefined)
      return insertIntoTable(text, lintTable, `check-cfg = ["${MINICOV_CFG}"]`);
    return text[list] === '[' ? appendToArray(text, list, `"${MINICOV_CFG}"`) : undefined;
  }
  const rustTable = findTable(text, table);
  if (!rustTable) return undefined;
  const value = findKeyValue(text, rustTable, 'unexpected_cfgs');
  if (value === undefined) return insertIntoTable(text, rustTable, UNEXPECTED_CFGS_LINE);
  const level = /^("[^"\n]*"|'[^'\n]*')/.exec(text.slice(value));
  if (level)
    return `${text.slice(0, value)}{ level = ${level[1]}, check-cfg = ["${MINICOV_CFG}"] }${text.slice(value + (level[1] as string).length)}`;
  if (text[value] !== '{') return undefined;
  const list = /(?:check-cfg|"check-cfg")\s*=\s*\[/.exec(text.slice(value));
  return list
    ? appendToArray(text, value + list.index + list[0].length - 1, `"${MINICOV_CFG}"`)
    : appendToInlineTable(text, value, `check-cfg = ["${MINICOV_CFG}"]`);
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function lookUp(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((table, key) => (isTable(table) ? table[key] : undefined), value);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
