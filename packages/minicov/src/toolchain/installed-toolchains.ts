// Lists the Rust toolchains and LLVM installs on this machine, for the toolchain chooser.
import { existsSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findOnPath } from '../process/find-on-path';
import { runTool } from '../process/run-tool';
import type { LlvmInstall, RustCandidate } from './choose-toolchain';
import { SUPPORTED_LLVM_MAJORS } from './llvm-pin';
import { hasRustSrc, prebuiltTargets } from './sysroot-contents';
import { parseRustcVersion } from './version-output';

/** Where system (non-rustup) toolchains usually live. */
const SYSTEM_PREFIXES = ['/usr', '/usr/local', '/opt/homebrew'];

/** Every rustup toolchain and every system rustc that can run here, described for the chooser. */
export async function discoverRustCandidates(
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<RustCandidate[]> {
  const found: RustCandidate[] = [];
  const rustup = findOnPath('rustup', env.PATH, cwd);
  if (rustup) {
    const list = await runTool(rustup, ['toolchain', 'list'], { cwd, env, allowFailure: true });
    for (const line of list.stdout.split('\n')) {
      const name = line.trim().split(/\s+/)[0];
      if (!name || name.startsWith('no') || name.includes('installed')) continue;
      const which = await runTool(rustup, ['which', '--toolchain', name, 'rustc'], {
        cwd,
        env,
        allowFailure: true,
      });
      const rustc = which.stdout.trim();
      if (which.exitCode !== 0 || !rustc) continue;
      const candidate = await describeRustc(
        rustc,
        `rustup ${channelOf(name)}`,
        { channel: channelOf(name) },
        env,
        cwd,
      );
      if (candidate) found.push(candidate);
    }
  }
  for (const prefix of SYSTEM_PREFIXES) {
    const rustc = join(prefix, 'bin', 'rustc');
    if (!existsSync(rustc) || isRustupProxy(rustc)) continue;
    const candidate = await describeRustc(rustc, `system ${prefix}`, { path: prefix }, env, cwd);
    if (candidate) found.push(candidate);
  }
  return found;
}

/** The clang, llvm-profdata and llvm-cov installed for each supported LLVM major. */
export function discoverLlvmInstalls(
  env: Record<string, string | undefined>,
  cwd: string,
): LlvmInstall[] {
  const installs: LlvmInstall[] = [];
  for (let major = SUPPORTED_LLVM_MAJORS.min; major <= SUPPORTED_LLVM_MAJORS.max; major += 1) {
    const install: LlvmInstall = {
      major,
      clang: findOnPath(`clang-${major}`, env.PATH, cwd),
      llvmProfdata: findOnPath(`llvm-profdata-${major}`, env.PATH, cwd),
      llvmCov: findOnPath(`llvm-cov-${major}`, env.PATH, cwd),
    };
    if (install.clang || install.llvmProfdata || install.llvmCov) installs.push(install);
  }
  return installs;
}

async function describeRustc(
  rustc: string,
  label: string,
  pin: RustCandidate['pin'],
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<RustCandidate | undefined> {
  const version = await runTool(rustc, ['-vV'], { cwd, env, allowFailure: true });
  const sysrootOutput = await runTool(rustc, ['--print', 'sysroot'], {
    cwd,
    env,
    allowFailure: true,
  });
  if (version.exitCode !== 0 || sysrootOutput.exitCode !== 0) return undefined;
  const details = parseRustcVersion(version.stdout, rustc);
  const sysroot = sysrootOutput.stdout.trim();
  return {
    label,
    pin,
    release: details.release,
    channel: details.channel,
    sysroot,
    llvmMajor: details.llvmMajor,
    host: details.host,
    hasRustSrc: hasRustSrc(sysroot),
    prebuiltTargets: prebuiltTargets(sysroot),
  };
}

/** "stable-x86_64-unknown-linux-gnu" → "stable"; "1.95.0-x86_64-..." → "1.95.0". */
function channelOf(toolchainName: string): string {
  const match = /^(stable|beta|nightly(?:-\d{4}-\d{2}-\d{2})?|\d+\.\d+(?:\.\d+)?)(?:-|$)/.exec(
    toolchainName,
  );
  return match?.[1] ?? toolchainName;
}

function isRustupProxy(path: string): boolean {
  try {
    return basename(realpathSync(path)).startsWith('rustup');
  } catch {
    return false;
  }
}
