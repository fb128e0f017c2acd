import { describe, expect, it } from 'vitest';
import { ManifestError } from '../model/manifest-error';
import { readMinicovCrate } from './minicov-metadata';

const read = (text: string) => readMinicovCrate('crates/x/Cargo.toml', text);

describe('readMinicovCrate', () => {
  it('ignores a crate that does not opt in, and a workspace manifest', () => {
    expect(read('[package]\nname = "x"\n')).toBeUndefined();
    expect(read('[workspace]\nmembers = ["a"]\n')).toBeUndefined();
  });

  it('fills in defaults for a host crate', () => {
    expect(read('[package]\nname = "lib"\n[package.metadata.minicov]\n')).toEqual({
      name: 'lib',
      target: undefined,
      runner: 'host',
      machine: undefined,
      bin: 'lib',
      runs: [[]],
      command: undefined,
      timeoutSeconds: 60,
      cModules: false,
      hostTests: false,
      mergeFailedRuns: false,
      linkFragment: false,
      correlate: 'none',
      stopSymbol: 'minicov_stop',
    });
  });

  it('names a timeout that is not a number of seconds as TOML wrote it, nan and inf included', () => {
    for (const [value, shown] of [
      ['nan', 'NaN'],
      ['inf', 'Infinity'],
      ['-inf', '-Infinity'],
      ['0', '0'],
      ['"60"', '"60"'],
    ]) {
      expect(() =>
        read(`[package]\nname = "app"\n[package.metadata.minicov]\ntimeout = ${value}\n`),
      ).toThrow(`package.metadata.minicov.timeout is ${shown}`);
    }
  });

  it('reads link-fragment for firmware, and refuses it for a host crate or as a non-boolean', () => {
    const firmware =
      '[package]\nname = "fw"\n[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"\nmachine = "lm3s6965evb"\n';
    expect(read(`${firmware}link-fragment = true\n`)).toMatchObject({
      linkFragment: true,
      runner: 'qemu',
    });
    expect(() =>
      read('[package]\nname = "app"\n[package.metadata.minicov]\nlink-fragment = true\n'),
    ).toThrow('link-fragment is set, but the crate builds for the host');
    expect(() => read(`${firmware}link-fragment = "yes"\n`)).toThrow(
      'link-fragment must be true or false',
    );
  });

  it('reads merge-failed-runs', () => {
    expect(
      read('[package]\nname = "app"\n[package.metadata.minicov]\nmerge-failed-runs = true\n'),
    ).toMatchObject({ mergeFailedRuns: true });
  });

  it('reads host-tests for a crate whose binary runs elsewhere', () => {
    const crate = read(
      '[package]\nname = "fw"\n[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"\nmachine = "lm3s6965evb"\nhost-tests = true\n',
    );
    expect(crate).toMatchObject({ runner: 'qemu', hostTests: true });
    expect(
      read('[package]\nname = "app"\n[package.metadata.minicov]\nhost-tests = false\n'),
    ).toMatchObject({ runner: 'host', hostTests: false });
  });

  it('reads firmware settings and defaults the runner to qemu for an embedded target', () => {
    const crate = read(
      '[package]\nname = "fw"\n[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"\nmachine = "lm3s6965evb"\ntimeout = 30\nc-modules = true\nruns = [["a"], ["b", "{profile}"]]\n',
    );
    expect(crate).toMatchObject({
      runner: 'qemu',
      machine: 'lm3s6965evb',
      timeoutSeconds: 30,
      cModules: true,
      runs: [['a'], ['b', '{profile}']],
    });
  });

  it.each([
    ['runner = "jtag"', 'package.metadata.minicov.runner is "jtag"'],
    [
      'target = "thumbv7m-none-eabi"',
      'the qemu runner needs package.metadata.minicov.target and .machine',
    ],
    ['runner = "command"', 'package.metadata.minicov.command is missing'],
    ['timeout = -1', 'package.metadata.minicov.timeout is -1'],
    ['timeout = "60"', 'package.metadata.minicov.timeout is "60"'],
    ['c-modules = "yes"', 'package.metadata.minicov.c-modules must be true or false'],
    ['runs = []', 'package.metadata.minicov.runs must be a non-empty list'],
    ['runs = [[1]]', 'package.metadata.minicov.runs[0] must be a list of strings'],
    ['target = 7', 'package.metadata.minicov.target must be a non-empty string'],
    ['merge-failed-runs = 1', 'package.metadata.minicov.merge-failed-runs must be true or false'],
    ['host-tests = "yes"', 'package.metadata.minicov.host-tests must be true or false'],
    [
      'runner = "test"\nhost-tests = true',
      'package.metadata.minicov.host-tests is set with runner = "test"',
    ],
  ])('rejects %s, naming the manifest and the key', (setting, message) => {
    const error = (() => {
      try {
        read(`[package]\nname = "x"\n[package.metadata.minicov]\n${setting}\n`);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toContain(
      `crates/x/Cargo.toml: ${message}`.replace('Cargo.toml: the', 'Cargo.toml: the'),
    );
    expect((error as Error).message).toContain('fix: ');
  });

  it('names the manifest when the TOML is broken', () => {
    expect(() => read('[package\nname = "x"')).toThrow(
      /crates\/x\/Cargo.toml:1:9: not valid TOML \(/,
    );
  });
});
