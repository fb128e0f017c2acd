// The RUSTC_WORKSPACE_WRAPPER script, run as cargo runs it, with a stand-in rustc that prints its arguments.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { rustcWrapperPath } from './rustc-wrapper';

const fakeRustc = join(mkdtempSync(join(tmpdir(), 'minicov-wrapper-')), 'rustc');
writeFileSync(
  fakeRustc,
  '#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify({ args: process.argv.slice(2), makeflags: process.env.CARGO_MAKEFLAGS ?? null }));\n',
);
chmodSync(fakeRustc, 0o755);

const env = {
  ...process.env,
  MINICOV_INSTRUMENT: 'fw,my-codec',
  MINICOV_INSTRUMENT_RUSTFLAGS: '-Cinstrument-coverage\x1f-Zno-profiler-runtime',
  MINICOV_PLAIN_RUSTFLAGS: '-Csymbol-mangling-version=v0',
  CARGO_MAKEFLAGS: '-j --jobserver-auth=6,7',
};

/** What rustc receives when cargo compiles a crate of package `pkg` with `args`. */
function rustcSees(args: string[], pkg = 'fw'): { args: string[]; makeflags: string | null } {
  const result = spawnSync(rustcWrapperPath(), [fakeRustc, ...args], {
    env: { ...env, CARGO_PKG_NAME: pkg },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('minicov-rustc-wrapper', () => {
  it('instruments every crate of a named package, whatever the crate is called', () => {
    expect(rustcSees(['--crate-name', 'my_codec', '--crate-type', 'lib'], 'my-codec').args).toEqual(
      [
        '--crate-name',
        'my_codec',
        '--crate-type',
        'lib',
        '-Cinstrument-coverage',
        '-Zno-profiler-runtime',
      ],
    );
    // A [[bin]] named apart from its package, a src/bin/<name>.rs, a renamed [lib].
    for (const crate of ['fw_app', 'selftest', 'hlib_core']) {
      expect(rustcSees(['--crate-name', crate, '--crate-type', 'bin'], 'fw').args).toContain(
        '-Cinstrument-coverage',
      );
    }
  });

  it('gives other workspace crates only the common flags, even one whose crate name equals an instrumented package', () => {
    expect(rustcSees(['--crate-name', 'minicov', '--crate-type', 'lib'], 'minicov').args).toEqual([
      '--crate-name',
      'minicov',
      '--crate-type',
      'lib',
      '-Csymbol-mangling-version=v0',
    ]);
    expect(rustcSees(['--crate-name', 'fw', '--crate-type', 'lib'], 'other').args).toEqual([
      '--crate-name',
      'fw',
      '--crate-type',
      'lib',
      '-Csymbol-mangling-version=v0',
    ]);
  });

  it('leaves build scripts and proc macros exactly as cargo asked', () => {
    expect(rustcSees(['--crate-name', 'build_script_build', '--crate-type', 'bin']).args).toEqual([
      '--crate-name',
      'build_script_build',
      '--crate-type',
      'bin',
    ]);
    expect(rustcSees(['--crate-name', 'fw', '--crate-type', 'proc-macro']).args).toEqual([
      '--crate-name',
      'fw',
      '--crate-type',
      'proc-macro',
    ]);
  });

  it('passes version queries through unchanged, with the cargo jobserver', () => {
    expect(rustcSees(['-vV'])).toEqual({ args: ['-vV'], makeflags: '-j --jobserver-auth=6,7' });
  });

  it('keeps a flag with spaces as one argument', () => {
    const result = spawnSync(rustcWrapperPath(), [fakeRustc, '--crate-name', 'fw'], {
      env: {
        ...env,
        CARGO_PKG_NAME: 'fw',
        MINICOV_INSTRUMENT_RUSTFLAGS:
          '-Cprofile-use=/my ws/a b.profdata\x1f-Cllvm-args=-pgo-warn-missing-function',
      },
      encoding: 'utf8',
    });
    expect(JSON.parse(result.stdout).args).toEqual([
      '--crate-name',
      'fw',
      '-Cprofile-use=/my ws/a b.profdata',
      '-Cllvm-args=-pgo-warn-missing-function',
    ]);
  });
});
