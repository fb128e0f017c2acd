// Report settings written in Cargo.toml: `[package.metadata.minicov.report]` and `[workspace.metadata.minicov.report]`.
import {
  parseReportSettings,
  type ReportSettingsInput,
  type SettingNames,
} from '../report/report-settings';
import { ManifestError } from './minicov-metadata';

/** Cargo.toml key (kebab-case, as Cargo manifests write them) of each report setting. */
const TOML_KEYS: Readonly<Record<keyof ReportSettingsInput, string>> = {
  formats: 'formats',
  failUnder: 'fail-under',
  showMissingLines: 'show-missing-lines',
  include: 'include',
  exclude: 'exclude',
};

/** Where the report table sits: under the package (a crate's report) or the workspace (the workspace report). */
export type ReportTableScope = 'package' | 'workspace';

/** The report settings of a parsed manifest as executor options (only the keys it sets), checked; {} when it has no report table. */
export function readReportTable(
  manifestPath: string,
  manifest: Record<string, unknown>,
  scope: ReportTableScope,
): ReportSettingsInput {
  const prefix = `${scope}.metadata.minicov.report`;
  const raw = tableAt(manifest, [scope, 'metadata', 'minicov', 'report']);
  if (raw === undefined) return {};
  if (raw === null)
    throw new ManifestError(
      `${manifestPath}: ${prefix} is not a table`,
      `write it as [${prefix}] with keys ${Object.values(TOML_KEYS).join(', ')}`,
    );
  const known = new Map(
    Object.entries(TOML_KEYS).map(([option, key]) => [key, option as keyof ReportSettingsInput]),
  );
  const input: ReportSettingsInput = {};
  for (const [key, value] of Object.entries(raw)) {
    const option = known.get(key);
    if (!option)
      throw new ManifestError(
        `${manifestPath}: ${prefix}.${key} is not a report setting`,
        `use ${[...known.keys()].join(', ')}`,
      );
    input[option] = value;
  }
  const names: SettingNames = {
    name: (key, sub) =>
      `${manifestPath}: ${prefix}.${TOML_KEYS[key]}${sub === undefined ? '' : `.${sub}`}`,
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
