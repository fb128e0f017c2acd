#!/usr/bin/env node
// Cargo's RUSTC_WORKSPACE_WRAPPER for minicov builds: adds the instrumentation flags to the workspace crates
// named in MINICOV_INSTRUMENT and the common flags to the other workspace crates, and leaves build scripts and
// proc macros alone (they run on the build machine, where no minicov runtime is linked).
// Environment: MINICOV_INSTRUMENT (comma-separated crate names), MINICOV_INSTRUMENT_RUSTFLAGS and
// MINICOV_PLAIN_RUSTFLAGS (flags separated by 0x1f, as in CARGO_ENCODED_RUSTFLAGS).
'use strict';
const { spawnSync } = require('node:child_process');

const [rustc, ...args] = process.argv.slice(2);
if (!rustc) {
  console.error('minicov-rustc-wrapper: cargo runs this as RUSTC_WORKSPACE_WRAPPER with the rustc path first');
  process.exit(2);
}

/** The value following `flag` in the rustc arguments. */
function valueOf(flag) {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

function splitFlags(value) {
  return (value || '').split('\x1f').filter((flag) => flag.length > 0);
}

const crateName = valueOf('--crate-name');
const crateType = valueOf('--crate-type');
const instrumented = new Set((process.env.MINICOV_INSTRUMENT || '').split(',').map((name) => name.trim().replace(/-/g, '_')));
let extra = [];
if (crateName && !crateName.startsWith('build_script_') && crateType !== 'proc-macro') {
  extra = instrumented.has(crateName)
    ? splitFlags(process.env.MINICOV_INSTRUMENT_RUSTFLAGS)
    : splitFlags(process.env.MINICOV_PLAIN_RUSTFLAGS);
}
// Node does not pass cargo's jobserver descriptors on, so rustc must not look for them: without
// CARGO_MAKEFLAGS it uses its own job limit instead of warning about a closed descriptor.
const env = { ...process.env };
delete env.CARGO_MAKEFLAGS;
delete env.MAKEFLAGS;
delete env.MFLAGS;
const result = spawnSync(rustc, [...args, ...extra], { stdio: 'inherit', env });
if (result.error) {
  console.error(`minicov-rustc-wrapper: cannot run ${rustc}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status === null ? 1 : result.status);
