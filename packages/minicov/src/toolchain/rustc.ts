// Finds the rustc that really runs in a project's directory (RUSTC, rust-toolchain.toml, PATH) and reads it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MinicovError } from '../errors';
import { findOnPath } from '../process/find-on-path';
import { runTool } from '../process/run-tool';
import { rememberedQuery, rustupProgramIdentity } from './remembered-query';
import { ToolFailedError, ToolNotFoundError } from '../process/tool-errors';
import type { ProbeContext } from './probe-context';
import type { ResolvedTool } from './resolved-tool';
import { readRustToolchainPin, type RustToolchainPin } from './rust-toolchain-file';
import { hasRustSrc, prebuiltTargets } from './sysroot-contents';
import { parseRustcVersion, type RustcVersion } from './version-output';

/** The resolved rustc plus what the pipeline needs to know about its sysroot. */
export interface RustcTool extends ResolvedTool {
  kind: 'rustc';
  details: RustcVersion;
  sysroot: string;
  targetLibdir: string;
  /** True when the sysroot carries rust-src, so `-Zbuild-std=core` can build core for any target. */
  hasRustSrc: boolean;
  /** Targets with prebuilt standard libraries in the sysroot (the host, and any `rustup target add`). */
  prebuiltTargets: string[];
  /** The rust-toolchain file that chose this rustc, if one did. */
  pin?: RustToolchainPin;
}

/** A rust-toolchain file names a toolchain this machine does not have. */
export class RustToolchainNotInstalledError extends MinicovError {}

const INSTALL_FIX =
  'install a Rust toolchain: on Debian `apt-get install rustc-web cargo-web rust-web-src` and pin it with rust-toolchain.toml `[toolchain] path = "/usr"`';

/** Resolves rustc as cargo would run it in `context.cwd`; throws a typed error naming the cause. */
export async function probeRustc(context: ProbeContext): Promise<RustcTool> {
  const pin = readRustToolchainPin(context.cwd);
  const override = context.env.RUSTC;
  const program = override || 'rustc';
  const foundBy = override ? 'RUSTC' : pin ? `${pin.file}` : 'PATH';
  if (!override && pin?.path !== undefined && !existsSync(join(pin.path, 'bin', 'rustc'))) {
    throw new RustToolchainNotInstalledError(
      `${pin.file}: toolchain path "${pin.path}" has no bin/rustc`,
      `install the toolchain there (Debian: apt-get install rustc-web cargo-web rust-web-src for path = "/usr"), or change the path in ${pin.file}`,
    );
  }
  const found = findOnPath(program, context.env.PATH, context.cwd);
  if (!found) {
    throw new ToolNotFoundError(
      override ? `rustc (RUSTC=${override})` : 'rustc',
      override ? 'set RUSTC to an installed rustc, or unset it' : INSTALL_FIX,
    );
  }
  const run = (args: string[]) =>
    runTool(found, args, { cwd: context.cwd, env: context.env, fix: INSTALL_FIX });
  // The three queries run side by side, and are remembered while the proxy, the pin, rustup's settings and the
  // sysroot's rustc stay the same: each step resolves the toolchain before it starts.
  const [version, sysrootOutput, libdirOutput] = await rememberedQuery(
    rustupProgramIdentity('rustc', found, pin?.file, context.env),
    () =>
      Promise.allSettled([
        run(['-vV']),
        run(['--print', 'sysroot']),
        run(['--print', 'target-libdir']),
      ]),
    {
      keep: (answers) => answers.every((answer) => answer.status === 'fulfilled'),
      answerFiles: ([, sysroot]) =>
        sysroot.status === 'fulfilled' ? [join(sysroot.value.stdout.trim(), 'bin', 'rustc')] : [],
    },
  );
  if (version.status === 'rejected') {
    const error: unknown = version.reason;
    if (!override && pin?.channel !== undefined && error instanceof ToolFailedError) {
      throw new RustToolchainNotInstalledError(
        `${pin.file}: names the Rust toolchain "${pin.channel}", which rustup cannot run here (${firstLine(error.stderr)})`,
        `install it (\`rustup toolchain install ${pin.channel}\`, needs network), or change ${pin.file} to a toolchain that \`rustup toolchain list\` shows, or to \`path = "/usr"\` for Debian's rustc-web`,
      );
    }
    throw error;
  }
  if (sysrootOutput.status === 'rejected') throw sysrootOutput.reason;
  if (libdirOutput.status === 'rejected') throw libdirOutput.reason;
  const details = parseRustcVersion(version.value.stdout, found);
  const sysroot = sysrootOutput.value.stdout.trim();
  const targetLibdir = libdirOutput.value.stdout.trim();
  const realRustc = join(sysroot, 'bin', 'rustc');
  return {
    kind: 'rustc',
    path: override || !existsSync(realRustc) ? found : realRustc,
    version: details.release,
    llvmMajor: details.llvmMajor,
    foundBy,
    details,
    sysroot,
    targetLibdir,
    hasRustSrc: hasRustSrc(sysroot),
    prebuiltTargets: prebuiltTargets(sysroot),
    pin: override ? undefined : pin,
  };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
