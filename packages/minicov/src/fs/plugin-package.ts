// The installed minicov package itself: where it is, and its version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package's root: two directories above this file, in the sources and in the installed package alike. */
export const PLUGIN_ROOT = join(__dirname, '..', '..');

/** Where the runtime (`runtime/c`, `runtime/minicov`) may be: in the package, or at the repository root. */
export const RUNTIME_ROOTS = [
  join(PLUGIN_ROOT, 'runtime'),
  join(PLUGIN_ROOT, '..', '..', 'runtime'),
];

let cached: string | undefined;

/** The `version` of minicov's package.json ('unknown' when it cannot be read). */
export function pluginVersion(): string {
  if (cached === undefined) {
    try {
      cached = String(
        (
          JSON.parse(readFileSync(join(PLUGIN_ROOT, 'package.json'), 'utf8')) as {
            version?: unknown;
          }
        ).version ?? 'unknown',
      );
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
