// Locates the rustc wrappers shipped in the package's bin/ directory: the RUSTC_WORKSPACE_WRAPPER that applies
// minicov's flags to exactly the crates it instruments, and the RUSTC_WRAPPER that gives target crates the
// prebuilt standard library.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { isExecutableFile } from '../process/find-on-path';
import { MinicovError } from '../errors';

/** The RUSTC_WORKSPACE_WRAPPER script (bin/minicov-rustc-wrapper.sh). */
export function rustcWrapperPath(): string {
  return binScript('minicov-rustc-wrapper.sh');
}

/** The RUSTC_WRAPPER script that adds `--sysroot` for target crates (bin/minicov-sysroot-wrapper.sh). */
export function sysrootWrapperPath(): string {
  return binScript('minicov-sysroot-wrapper.sh');
}

/** A script of the package's bin/ directory, made executable if packing lost the mode. */
function binScript(name: string): string {
  const path = join(__dirname, '..', '..', 'bin', name);
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
