// Paths LLD cannot write to: a `%` in the directory of a bare-metal build, checked before cargo starts.
import { MinicovError } from '../errors';

/** Bare-metal targets link with rust-lld (LLD), which reads `%` in its output path as a placeholder. */
export function checkTargetDirPath(targetDir: string, target: string): void {
  if (!target.includes('-none') || !targetDir.includes('%')) return;
  throw new MinicovError(
    `the build directory ${targetDir} contains "%", which rust-lld cannot write ${target} programs under (it reads "%" in an output path as a placeholder)`,
    'move or rename the workspace so that its path has no "%" (host builds and project directory names are not affected)',
  );
}
