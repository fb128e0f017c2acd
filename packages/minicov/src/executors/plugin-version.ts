// The installed minicov package's version, for the producer field of reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/** The `version` of minicov's package.json (two directories above this file in the sources and in the package). */
export function pluginVersion(): string {
  if (cached === undefined) {
    try {
      cached = String(
        (
          JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
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
