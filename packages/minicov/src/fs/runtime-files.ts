// The runtime's C source files, by name, as this installation ships them (the cost report tells its code by them).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_ROOTS } from './plugin-package';

/** The names of the runtime's C files (`writer.c`, ...): in the package, or at the repository root in development. */
export function runtimeCFileNames(): string[] {
  for (const root of RUNTIME_ROOTS) {
    try {
      return readdirSync(join(root, 'c', 'src')).filter((file) => file.endsWith('.c'));
    } catch {
      // not this layout
    }
  }
  return [];
}
