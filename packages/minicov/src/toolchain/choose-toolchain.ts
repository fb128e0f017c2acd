// Picks a working Rust toolchain and LLVM major from what is installed, and says why others were passed over.
import { compare } from 'semver';

/** A Rust toolchain this machine has, as the chooser sees it. */
export interface RustCandidate {
  /** How a user would name it, e.g. "rustup stable" or "system /usr". */
  label: string;
  /** How rust-toolchain.toml pins it. */
  pin: { channel: string } | { path: string };
  release: string;
  channel: 'stable' | 'beta' | 'nightly' | 'dev';
  /** `rustc --print sysroot`. */
  sysroot: string;
  llvmMajor: number;
  host: string;
  hasRustSrc: boolean;
  prebuiltTargets: string[];
}

/** The LLVM tools installed for one major. */
export interface LlvmInstall {
  major: number;
  clang?: string;
  llvmProfdata?: string;
  llvmCov?: string;
}

/** The chosen pair, or none, plus the reason each other candidate was rejected. */
export interface ToolchainChoice {
  chosen?: { rust: RustCandidate; llvm: LlvmInstall };
  rejected: { candidate: string; reason: string }[];
}

/** What the workspace will build: target triples (undefined = host) and whether C modules are used. */
export interface ChoiceRequest {
  targets: (string | undefined)[];
  cModules: boolean;
  supportedLlvm: { min: number; max: number };
}

/** Chooses the best Rust toolchain whose LLVM major has clang and the LLVM tools installed. */
export function chooseToolchain(
  rusts: RustCandidate[],
  llvms: LlvmInstall[],
  request: ChoiceRequest,
): ToolchainChoice {
  const rejected: ToolchainChoice['rejected'] = [];
  const usable: { rust: RustCandidate; llvm: LlvmInstall }[] = [];
  for (const rust of rusts) {
    const reason = rejectionReason(rust, llvms, request);
    if (reason) rejected.push({ candidate: describe(rust), reason });
    else
      usable.push({
        rust,
        llvm: llvms.find((llvm) => llvm.major === rust.llvmMajor) as LlvmInstall,
      });
  }
  usable.sort((a, b) => rank(b.rust) - rank(a.rust) || compare(b.rust.release, a.rust.release));
  const [chosen, ...others] = usable;
  for (const other of others) {
    rejected.push({
      candidate: describe(other.rust),
      reason: `works too, but ${describe(chosen!.rust)} is preferred (${preference(chosen!.rust, other.rust)})`,
    });
  }
  return { chosen, rejected };
}

/** A one-line description such as "rustup stable: rustc 1.95.0 (LLVM 22)". */
export function describe(rust: RustCandidate): string {
  return `${rust.label}: rustc ${rust.release} (LLVM ${rust.llvmMajor})`;
}

function rejectionReason(
  rust: RustCandidate,
  llvms: LlvmInstall[],
  request: ChoiceRequest,
): string | undefined {
  const { min, max } = request.supportedLlvm;
  if (rust.llvmMajor < min || rust.llvmMajor > max) {
    return `LLVM ${rust.llvmMajor} is outside what the minicov runtime supports (LLVM ${min}-${max})`;
  }
  for (const target of request.targets) {
    if (target === undefined || target === rust.host) continue;
    if (!rust.hasRustSrc && !rust.prebuiltTargets.includes(target)) {
      return `cannot build for ${target}: no rust-src (for -Zbuild-std=core) and no prebuilt ${target} libraries`;
    }
  }
  const llvm = llvms.find((install) => install.major === rust.llvmMajor);
  const missing = [
    request.cModules && !llvm?.clang ? `clang-${rust.llvmMajor}` : undefined,
    llvm?.llvmProfdata ? undefined : `llvm-profdata-${rust.llvmMajor}`,
    llvm?.llvmCov ? undefined : `llvm-cov-${rust.llvmMajor}`,
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) {
    return `no ${missing.join(', ')} on this machine (Debian: apt-get install clang-${rust.llvmMajor} llvm-${rust.llvmMajor})`;
  }
  return undefined;
}

/** Higher is better: a toolchain with rust-src serves every target; stable beats beta beats nightly. */
function rank(rust: RustCandidate): number {
  const channelRank = { stable: 3, beta: 2, dev: 1, nightly: 0 }[rust.channel];
  return (rust.hasRustSrc ? 10 : 0) + channelRank;
}

function preference(chosen: RustCandidate, other: RustCandidate): string {
  if (chosen.hasRustSrc && !other.hasRustSrc)
    return 'it has rust-src, so it can also build for embedded targets';
  if (chosen.channel !== other.channel)
    return `${chosen.channel} is preferred over ${other.channel}`;
  return 'it is newer';
}
