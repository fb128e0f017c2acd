// The error of a Cargo.toml whose minicov settings cannot be used as written, and the search for unknown keys.
import { MinicovError } from '../errors';
import type { SettingDefinition } from './setting-definition';

/** A Cargo.toml whose minicov settings cannot be used as written. */
export class ManifestError extends MinicovError {}

/** A key of a settings table, and the names a user may have meant it as (its Cargo.toml key, its option name). */
export interface KnownKey {
  key: string;
  aliases: readonly string[];
}

/** The keys a table of `settings` may hold: each setting's Cargo.toml key, also known by its option name. */
export function knownKeysOf(settings: Readonly<Record<string, SettingDefinition>>): KnownKey[] {
  return Object.entries(settings).flatMap(([option, setting]) =>
    setting.toml ? [{ key: setting.toml, aliases: [option] }] : [],
  );
}

/** A key of a settings table that minicov does not know, and the fix that names the nearest known key. */
export interface UnknownKey {
  key: string;
  fix: string;
}

/**
 * The first key of `table` that is not one of `known`, if any; the fix names the nearest known key when one is close
 * enough to be a misspelling.
 */
export function findUnknownKey(
  table: Readonly<Record<string, unknown>>,
  known: readonly KnownKey[],
): UnknownKey | undefined {
  const keys = new Set(known.map((entry) => entry.key));
  const key = Object.keys(table).find((candidate) => !keys.has(candidate));
  if (key === undefined) return undefined;
  const nearest = nearestKey(key, known);
  const listed = known.map((entry) => entry.key).join(', ');
  return {
    key,
    fix: nearest
      ? `did you mean "${nearest}"? The settings are: ${listed}`
      : `remove it, or use one of the settings: ${listed}`,
  };
}

/**
 * The known key `key` is most likely a misspelling of: the one with the smallest edit distance to it or one of its
 * aliases (case, `-` and `_` ignored), if that distance is at most a third of the longer name (and at least 2 allowed).
 */
export function nearestKey(key: string, known: readonly KnownKey[]): string | undefined {
  const typed = normalized(key);
  let best: { key: string; distance: number } | undefined;
  for (const entry of known) {
    for (const name of [entry.key, ...entry.aliases].map(normalized)) {
      const distance = editDistance(typed, name);
      const allowed = Math.max(2, Math.floor(Math.max(typed.length, name.length) / 3));
      if (distance <= allowed && (!best || distance < best.distance))
        best = { key: entry.key, distance };
    }
  }
  return best?.key;
}

function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`: optimal string alignment distance. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
