// After a new crate: Cargo.lock as its first build would leave it, so that build's repeat comes whole from the cache.
import { logger } from '@nx/devkit';
import { runTool } from '../../process/run-tool';

/**
 * Has cargo record the workspace's new member in Cargo.lock (`cargo metadata --offline` resolves as a build does and
 * changes no other entry). Cargo.lock is an input of every build: written by the first build instead, it would make
 * the first repeat build again. Without a usable cargo it only warns: the first build writes the file then.
 */
export async function recordNewMember(workspaceRoot: string): Promise<void> {
  const args = ['metadata', '--offline', '--format-version', '1'];
  try {
    const result = await runTool('cargo', args, { cwd: workspaceRoot });
    if (result.exitCode === 0) return;
    warn(result.stderr.trim().split('\n').slice(-3).join(' '));
  } catch (error) {
    warn((error as Error).message);
  }
}

function warn(reason: string): void {
  logger.warn(
    `minicov: cargo could not update Cargo.lock for the new crate (${reason}); its first build will, and the run after it builds once more. Run \`cargo metadata --offline\` once the toolchain works to avoid that.`,
  );
}
