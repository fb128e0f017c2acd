// What a Rust sysroot holds: rust-src for -Zbuild-std, and prebuilt standard libraries per target.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** True when the sysroot carries rust-src, so `-Zbuild-std=core` can build core for any target. */
export function hasRustSrc(sysroot: string): boolean {
  return existsSync(
    join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library', 'core', 'Cargo.toml'),
  );
}

/** Targets with prebuilt standard libraries in the sysroot (the host, and any `rustup target add`). */
export function prebuiltTargets(sysroot: string): string[] {
  const rustlib = join(sysroot, 'lib', 'rustlib');
  if (!existsSync(rustlib)) return [];
  return readdirSync(rustlib).filter(
    (name) => name.includes('-') && existsSync(join(rustlib, name, 'lib')),
  );
}
