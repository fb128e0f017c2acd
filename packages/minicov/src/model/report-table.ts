// Report settings written in Cargo.toml: `[package.metadata.minicov.report]` and `[workspace.metadata.minicov.report]`.
import { REPORT_TABLE_KEY } from './crate-settings';
import { findUnknownKey, knownKeysOf, ManifestError, type KnownKey } from './manifest-error';
import {
  parseReportSettings,
  REPORT_SETTINGS,
  type ReportSettingsInput,
  type SettingNames,
} from './report-settings';
import { optionsByTomlKey, tomlKeys } from './setting-definition';

/** The keys a report table may hold: every report setting (also known by its option name). */
const REPORT_TABLE_KEYS: readonly KnownKey[] = knownKeysOf(REPORT_SETTINGS);

/** The keys `[workspace.metadata.minicov]` may hold: the workspace report's table alone. */
const WORKSPACE_TABLE_KEYS: readonly KnownKey[] = [{ key: REPORT_TABLE_KEY, aliases: [] }];

/** Where the report table sits: under the package (a crate's report) or the workspace (the workspace report). */
export type ReportTableScope = 'package' | 'workspace';

/**
 * The report settings of a parsed manifest as executor options (only the keys it sets), checked; {} when it has no
 * report table.
 */
export function readReportTable(
  manifestPath: string,
  manifest: Record<string, unknown>,
  scope: ReportTableScope,
): ReportSettingsInput {
  const prefix = `${scope}.metadata.minicov.${REPORT_TABLE_KEY}`;
  if (scope === 'workspace') {
    const settings = tableAt(manifest, [scope, 'metadata', 'minicov']);
    const unknown = settings ? findUnknownKey(settings, WORKSPACE_TABLE_KEYS) : undefined;
    if (unknown) {
      throw new ManifestError(
        `${manifestPath}: workspace.metadata.minicov has an unknown setting "${unknown.key}"`,
        unknown.fix,
      );
    }
  }
  const raw = tableAt(manifest, [scope, 'metadata', 'minicov', REPORT_TABLE_KEY]);
  if (raw === undefined) return {};
  if (raw === null)
    throw new ManifestError(
      `${manifestPath}: ${prefix} is not a table`,
      `write it as [${prefix}] with keys ${tomlKeys(REPORT_SETTINGS).join(', ')}`,
    );
  const unknown = findUnknownKey(raw, REPORT_TABLE_KEYS);
  if (unknown) {
    throw new ManifestError(
      `${manifestPath}: ${prefix}.${unknown.key} is not a report setting`,
      unknown.fix,
    );
  }
  const options = optionsByTomlKey(REPORT_SETTINGS);
  const input: ReportSettingsInput = {};
  for (const [key, value] of Object.entries(raw))
    input[options.get(key) as keyof ReportSettingsInput] = value;
  const names: SettingNames = {
    name: (key, sub) =>
      `${manifestPath}: ${prefix}.${REPORT_SETTINGS[key].toml}${sub === undefined ? '' : `.${sub}`}`,
  };
  parseReportSettings(input, names); // throws ReportSettingsError naming the Cargo.toml key
  return input;
}

/** The table at `path`: undefined when absent, null when something else is there. */
function tableAt(
  root: unknown,
  path: readonly string[],
): Record<string, unknown> | null | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : null;
}
