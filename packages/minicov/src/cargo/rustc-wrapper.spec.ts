// The RUSTC_WORKSPACE_WRAPPER script, run as cargo runs it, with a stand-in rustc that prints its arguments.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { rustcWrapperPath } from './rustc-wrapper';

const fakeRustc = join(mkdtempSync(join(tmpdir(), 'minicov-wrapper-')), 'rustc');
writeFileSync(fakeRustc, '#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify({ args: process.argv.slice(2), makeflags: process.env.CARGO_MAKEFLAGS ?? null }));\n');
chmodSync(fakeRustc, 0o755);

const env = {
  ...process.env,
  MINICOV_INSTRUMENT: 'fw,my-codec',
  MINICOV_INSTRUMENT_RUSTFLAGS: '-Cinstrument-coverage\x1f-Zno-profiler-runtime',
  MINICOV_PLAIN_RUSTFLAGS: '-Csymbol-mangling-version=v0',
  CARGO_MAKEFLAGS: '-j --jobserver-auth=6,7',
};

function rustcSees(args: string[]): { args: string[]; makeflags: string | null } {
  const result = spawnSync(rustcWrapperPath(), [fakeRustc, ...args], { env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('minicov-rustc-wrapper', () => {
  it('instruments a named crate (dashes in package names are underscores in crate names)', () => {
    expect(rustcSees(['--crate-name', 'my_codec', '--crate-type', 'lib']).args).toEqual([
      '--crate-name', 'my_codec', '--crate-type', 'lib', '-Cinstrument-coverage', '-Zno-profiler-runtime',
    ]);
  });

  it('gives other workspace crates only the common flags', () => {
    expect(rustcSees(['--crate-name', 'minicov', '--crate-type', 'lib']).args).toEqual(['--crate-name', 'minicov', '--crate-type', 'lib', '-Csymbol-mangling-version=v0']);
  });

  it('leaves build scripts and proc macros exactly as cargo asked', () => {
    expect(rustcSees(['--crate-name', 'build_script_build', '--crate-type', 'bin']).args).toEqual(['--crate-name', 'build_script_build', '--crate-type', 'bin']);
    expect(rustcSees(['--crate-name', 'fw', '--crate-type', 'proc-macro']).args).toEqual(['--crate-name', 'fw', '--crate-type', 'proc-macro']);
  });

  it('passes version queries through unchanged, with the cargo jobserver', () => {
    expect(rustcSees(['-vV'])).toEqual({ args: ['-vV'], makeflags: '-j --jobserver-auth=6,7' });
  });

  it('keeps a flag with spaces as one argument', () => {
    const result = spawnSync(rustcWrapperPath(), [fakeRustc, '--crate-name', 'fw'], {
      env: { ...env, MINICOV_INSTRUMENT_RUSTFLAGS: '-Cprofile-use=/my ws/a b.profdata\x1f-Cllvm-args=-pgo-warn-missing-function' },
      encoding: 'utf8',
    });
    expect(JSON.parse(result.stdout).args).toEqual(['--crate-name', 'fw', '-Cprofile-use=/my ws/a b.profdata', '-Cllvm-args=-pgo-warn-missing-function']);
  });
});
