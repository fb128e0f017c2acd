// The runtime's C source files, by name, as this installation ships them (the cost report tells its code by them).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_ROOT } from './plugin-package';

/** The names of the runtime's C files (`writer.c`, ...): in the package, or at the repository root in development. */
export function runtimeCFileNames(): string[] {
  for (const dir of [
    join(PLUGIN_ROOT, 'runtime', 'c', 'src'),
    join(PLUGIN_ROOT, '..', '..', 'runtime', 'c', 'src'),
  ]) {
    try {
      return readdirSync(dir).filter((file) => file.endsWith('.c'));
    } catch {
      // not this layout
    }
  }
  return [];
}
