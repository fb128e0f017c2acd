// Locates the RUSTC_WORKSPACE_WRAPPER that applies minicov's flags to exactly the crates it instruments.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { isExecutableFile } from '../process/find-on-path';
import { MinicovError } from '../errors';

/** The wrapper script shipped in the package's bin/ directory; made executable if packing lost the mode. */
export function rustcWrapperPath(): string {
  const path = join(__dirname, '..', '..', 'bin', 'minicov-rustc-wrapper.sh');
  if (!isExecutableFile(path)) {
    try {
      chmodSync(path, 0o755);
    } catch (error) {
      throw new MinicovError(
        `${path}: cannot make the rustc wrapper executable (${(error as Error).message})`,
        'reinstall the minicov package (npm ci)',
      );
    }
  }
  return path;
}
