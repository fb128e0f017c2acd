// Finds the cargo that runs in a project's directory (CARGO, rust-toolchain.toml, PATH) and reads its version.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath } from '../process/find-on-path';
import { runTool } from '../process/run-tool';
import { rememberedQuery, rustupProgramIdentity } from './remembered-query';
import { readRustToolchainPin } from './rust-toolchain-file';
import { ToolNotFoundError } from '../process/tool-errors';
import type { ProbeContext } from './probe-context';
import type { ResolvedTool } from './resolved-tool';
import { parseCargoVersion } from './version-output';

/** Resolves cargo; prefers the cargo in the resolved rustc's sysroot so the pair stays together. */
export async function probeCargo(
  context: ProbeContext,
  rustcSysroot: string | undefined,
): Promise<ResolvedTool> {
  const override = context.env.CARGO;
  const sysrootCargo = rustcSysroot ? join(rustcSysroot, 'bin', 'cargo') : undefined;
  const program = override || (sysrootCargo && existsSync(sysrootCargo) ? sysrootCargo : 'cargo');
  const found = findOnPath(program, context.env.PATH, context.cwd);
  if (!found) {
    throw new ToolNotFoundError(
      override ? `cargo (CARGO=${override})` : 'cargo',
      override
        ? 'set CARGO to an installed cargo, or unset it'
        : 'install cargo with the same toolchain as rustc (Debian: apt-get install cargo-web)',
    );
  }
  const pin = readRustToolchainPin(context.cwd);
  const output = await rememberedQuery(
    rustupProgramIdentity('cargo', found, pin?.file, context.env),
    () => runTool(found, ['-V'], { cwd: context.cwd, env: context.env }),
  );
  return {
    kind: 'cargo',
    path: found,
    version: parseCargoVersion(output.stdout, found).release,
    foundBy: override ? 'CARGO' : found === sysrootCargo ? 'rustc sysroot' : 'PATH',
  };
}
