import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { ManifestError } from './manifest-error';
import { ReportSettingsError } from './report-settings';
import { readReportTable } from './report-table';

const PATH = 'crates/fw/Cargo.toml';
const read = (toml: string, scope: 'package' | 'workspace' = 'package') =>
  readReportTable(PATH, parse(toml), scope);

describe('readReportTable', () => {
  it('is empty without a report table', () => expect(read('[package]\nname = "fw"\n')).toEqual({}));
  it('maps the kebab-case keys to the options, keeping only those set', () =>
    expect(
      read(
        '[package.metadata.minicov.report]\nformats = ["lcov"]\nfail-under = { lines = 80 }\nshow-missing-lines = true\nexclude = ["gen/**"]\n',
      ),
    ).toEqual({
      formats: ['lcov'],
      failUnder: { lines: 80 },
      showMissingLines: true,
      exclude: ['gen/**'],
    }));
  it('reads the workspace table for the workspace report', () =>
    expect(
      read('[workspace.metadata.minicov.report]\nfail-under = { functions = 50 }\n', 'workspace'),
    ).toEqual({ failUnder: { functions: 50 } }));
  it('rejects an unknown key, naming it and the manifest', () =>
    expect(() => read('[package.metadata.minicov.report]\nformatz = ["lcov"]\n')).toThrow(
      new ManifestError(
        `${PATH}: package.metadata.minicov.report.formatz is not a report setting`,
        'did you mean "formats"? The settings are: formats, fail-under, fail-uncovered, show-missing-lines, summary-only, text, include, exclude, output-dir',
      ),
    ));
  it('rejects a report entry that is not a table', () =>
    expect(() => read('[package.metadata.minicov]\nreport = 3\n')).toThrow(
      `${PATH}: package.metadata.minicov.report is not a table`,
    ));
  it('checks the values, naming the manifest key', () => {
    expect(() => read('[package.metadata.minicov.report]\nfail-under = { lines = 120 }\n')).toThrow(
      ReportSettingsError,
    );
    expect(() => read('[package.metadata.minicov.report]\nfail-under = { lines = 120 }\n')).toThrow(
      `${PATH}: package.metadata.minicov.report.fail-under.lines is 120, outside 0-100`,
    );
  });
});
