import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { CRATE_TABLE_KEYS, minicovCrateOf } from './crate-table';
import { editDistance, ManifestError, nearestKey } from './manifest-error';
import { readReportTable } from './report-table';

const PATH = 'examples/fw/Cargo.toml';
const crate = (settings: string) =>
  minicovCrateOf(PATH, parse(`[package]\nname = "fw"\n[package.metadata.minicov]\n${settings}\n`));
const SETTINGS =
  'target, runner, machine, bin, runs, command, timeout, c-modules, host-tests, merge-failed-runs, link-fragment, gdb-server, stop-symbol, correlate, report';

describe('unknown settings', () => {
  it('names the manifest, the key and the nearest known key', () =>
    expect(() => crate('target = "thumbv7m-none-eabi"\nmachne = "lm3s6965evb"')).toThrow(
      new ManifestError(
        `${PATH}: package.metadata.minicov has an unknown setting "machne"`,
        `did you mean "machine"? The settings are: ${SETTINGS}`,
      ),
    ));

  it('suggests the Cargo.toml key for an option name or a snake_case spelling', () => {
    expect(nearestKey('timeoutSeconds', CRATE_TABLE_KEYS)).toBe('timeout');
    expect(nearestKey('c_modules', CRATE_TABLE_KEYS)).toBe('c-modules');
    expect(nearestKey('hostTests', CRATE_TABLE_KEYS)).toBe('host-tests');
    expect(nearestKey('linkfragmnet', CRATE_TABLE_KEYS)).toBe('link-fragment');
    expect(nearestKey('reprot', CRATE_TABLE_KEYS)).toBe('report');
  });

  it('lists the settings without a guess when no key is close', () =>
    expect(() => crate('coverage-flags = ["-Z"]')).toThrow(
      `has an unknown setting "coverage-flags"\n  fix: remove it, or use one of the settings: ${SETTINGS}`,
    ));

  it('accepts every known key and the report table', () =>
    expect(
      crate(
        'target = "thumbv7m-none-eabi"\nmachine = "lm3s6965evb"\nrunner = "qemu"\nbin = "fw"\nruns = [[]]\ntimeout = 5\nc-modules = true\nhost-tests = true\nmerge-failed-runs = true\nlink-fragment = true\n[package.metadata.minicov.report]\nformats = ["lcov"]',
      ),
    ).toMatchObject({ name: 'fw', timeoutSeconds: 5 }));

  it('rejects an unknown key of [workspace.metadata.minicov] and of a report table', () => {
    expect(() =>
      readReportTable(
        'Cargo.toml',
        parse('[workspace.metadata.minicov]\nreprot = {}'),
        'workspace',
      ),
    ).toThrow(
      new ManifestError(
        'Cargo.toml: workspace.metadata.minicov has an unknown setting "reprot"',
        'did you mean "report"? The settings are: report',
      ),
    );
    expect(() =>
      readReportTable(
        PATH,
        parse('[package.metadata.minicov.report]\nfail_under = { lines = 1 }'),
        'package',
      ),
    ).toThrow('report.fail_under is not a report setting\n  fix: did you mean "fail-under"?');
  });

  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('machne', 'machine')).toBe(1);
    expect(editDistance('fromats', 'formats')).toBe(1);
    expect(editDistance('', 'bin')).toBe(3);
    expect(editDistance('runs', 'runs')).toBe(0);
  });
});
