// Checks that a crate name is a Cargo package name that also works as a Rust crate name and a C identifier prefix.
import { MinicovError } from '../../errors';

/** Rust's strict and reserved keywords (any edition): Cargo refuses them as package names. */
const RUST_KEYWORDS = new Set(
  (
    'as async await break const continue crate dyn else enum extern false fn for gen if impl in let loop match mod move mut pub ref return ' +
    'self Self static struct super trait true try type unsafe use where while abstract become box do final macro override priv typeof unsized virtual yield'
  ).split(' '),
);

/** Names that would shadow a crate every program can see, or the minicov runtime itself. */
const RESERVED_NAMES = new Set(['test', 'core', 'std', 'alloc', 'minicov']);

/** Throws unless `name` can be the new crate's package name; the message names --name and the fix. */
export function checkCrateName(name: unknown): string {
  if (typeof name !== 'string' || name === '') {
    throw new MinicovError(
      '--name is missing',
      'pass the crate name first: `nx g minicov:crate <name>`; nothing was written',
    );
  }
  if (!/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(name)) {
    throw new MinicovError(
      `--name "${name}" is not a valid Cargo package name`,
      'start with a letter and use only letters, digits, "-" and "_" (e.g. sensor-fw); nothing was written',
    );
  }
  if (RUST_KEYWORDS.has(name)) {
    throw new MinicovError(
      `--name "${name}" is a Rust keyword, which Cargo refuses as a package name`,
      `choose another name, e.g. ${name}-fw; nothing was written`,
    );
  }
  if (RESERVED_NAMES.has(name)) {
    throw new MinicovError(
      `--name "${name}" would shadow the crate \`${name}\` (${[...RESERVED_NAMES].join(', ')} are reserved)`,
      `choose another name, e.g. my-${name}; nothing was written`,
    );
  }
  return name;
}

/** The crate name as Rust and C identifiers spell it ("sensor-fw" becomes "sensor_fw"). */
export function underscored(name: string): string {
  return name.replace(/-/g, '_');
}
