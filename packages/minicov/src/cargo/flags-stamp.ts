// Cargo does not see what a wrapper adds: when the flags change, the instrumented crates' old artifacts are
// cleaned; when the standard library changes, every artifact for the target is.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../process/run-tool';
import type { BuildPlan } from './build-plan';

const STAMP = 'minicov-flags.stamp';
const SYSROOT_STAMP = 'minicov-sysroot.stamp';

/** A digest of everything the wrapper and build scripts add that cargo's fingerprints miss. */
export function flagsDigest(plan: BuildPlan, extra = ''): string {
  const keys = [
    'MINICOV_INSTRUMENT',
    'MINICOV_INSTRUMENT_RUSTFLAGS',
    'MINICOV_PLAIN_RUSTFLAGS',
    'MINICOV_CFLAGS',
    'RUSTC',
    'CC',
  ];
  return createHash('sha256')
    .update(keys.map((key) => `${key}=${plan.env[key] ?? ''}`).join('\n'))
    .update(extra)
    .digest('hex');
}

/** Cleans the instrumented crates in `targetDir` when the digest differs from the last build's, then records it. */
export async function cleanOnFlagChange(
  cargo: string,
  cwd: string,
  plan: BuildPlan,
  crates: string[],
  target: string,
  targetDir: string,
  digest: string,
): Promise<void> {
  const stampFile = join(targetDir, STAMP);
  const previous = await readFile(stampFile, 'utf8').catch(() => '');
  if (previous.trim() === digest) return;
  if (previous) {
    const args = [
      'clean',
      '--release',
      '--target',
      target,
      '--target-dir',
      targetDir,
      ...crates.flatMap((crate) => ['-p', crate]),
    ];
    await runTool(cargo, args, { cwd, env: { RUSTC: plan.env.RUSTC } });
  }
  await mkdir(targetDir, { recursive: true });
  await writeFile(stampFile, `${digest}\n`);
}

/**
 * Cargo does not see the standard library a wrapper's `--sysroot` gives: when it is another one (or unknown, as in a
 * directory an older build filled with a `-Zbuild-std` core), every artifact for `target` in `targetDir` was compiled
 * against other libraries and is removed. Then records `sysroot` (undefined: the toolchain's own).
 */
export async function cleanOnSysrootChange(
  targetDir: string,
  target: string,
  sysroot: string | undefined,
): Promise<void> {
  const stampFile = join(targetDir, SYSROOT_STAMP);
  const previous = await readFile(stampFile, 'utf8').catch(() => undefined);
  const current = `${sysroot ?? ''}\n`;
  if (previous === current) return;
  await rm(join(targetDir, target), { recursive: true, force: true });
  await mkdir(targetDir, { recursive: true });
  await writeFile(stampFile, current);
}
