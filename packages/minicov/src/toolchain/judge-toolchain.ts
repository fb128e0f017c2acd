// Decides, from what the probes found, whether each tool can serve the pinned LLVM major and the target.
import type { ResolvedTool } from './resolved-tool';
import type { RustcTool } from './rustc';
import { isCrossTarget, type ToolchainNeeds } from './toolchain-needs';
import type { ToolRow } from './toolchain-report';

/** A probe's outcome: the tool, or the error that says why it could not be used. */
export type Probe<T extends ResolvedTool = ResolvedTool> = T | Error;

/** What the probes found for every tool the target needs. */
export interface ToolchainProbes {
  rustc: Probe<RustcTool>;
  cargo: Probe;
  clang?: Probe;
  llvmProfdata?: Probe;
  llvmCov?: Probe;
  qemu?: Probe;
}

/** One row per probed tool, each with its verdict and, when not ok, the problem and the fix. */
export function judgeToolchain(
  llvmMajor: number,
  needs: ToolchainNeeds,
  probes: ToolchainProbes,
): ToolRow[] {
  const rows: ToolRow[] = [
    judgeRustc(llvmMajor, needs, probes.rustc),
    judgePresent('cargo', probes.cargo),
  ];
  if (probes.clang) {
    rows.push(
      judgeMajor(
        'clang',
        probes.clang,
        llvmMajor,
        `install clang-${llvmMajor} (apt-get install clang-${llvmMajor}) and unset CC, or set CC=clang-${llvmMajor}`,
      ),
    );
  }
  if (probes.llvmProfdata) {
    rows.push(
      judgeMajor(
        'llvm-profdata',
        probes.llvmProfdata,
        llvmMajor,
        `install llvm-${llvmMajor} (apt-get install llvm-${llvmMajor}) and set LLVM_PROFDATA=llvm-profdata-${llvmMajor}, or unset LLVM_PROFDATA`,
      ),
    );
  }
  if (probes.llvmCov) {
    rows.push(
      judgeMajor(
        'llvm-cov',
        probes.llvmCov,
        llvmMajor,
        `install llvm-${llvmMajor} (apt-get install llvm-${llvmMajor}) and set LLVM_COV=llvm-cov-${llvmMajor}, or unset LLVM_COV`,
      ),
    );
  }
  if (probes.qemu) rows.push(judgePresent('qemu', probes.qemu));
  return rows;
}

function judgeRustc(llvmMajor: number, needs: ToolchainNeeds, probe: Probe<RustcTool>): ToolRow {
  if (probe instanceof Error) return failedRow('rustc', probe);
  const row = okRow('rustc', probe);
  if (probe.llvmMajor !== llvmMajor) {
    return {
      ...row,
      verdict: 'mismatch',
      problem: `rustc ${probe.version} is built on LLVM ${probe.llvmMajor}, the workspace pins LLVM ${llvmMajor}`,
      fix: `pin a Rust toolchain built on LLVM ${llvmMajor} in rust-toolchain.toml (Debian's rustc-web 1.96 at path = "/usr" is LLVM 22), or change llvmMajor in nx.json to ${probe.llvmMajor} and install clang-${probe.llvmMajor} and llvm-${probe.llvmMajor}`,
    };
  }
  const target = needs.target;
  if (
    target !== undefined &&
    isCrossTarget(target, probe.details.host) &&
    !probe.hasRustSrc &&
    !probe.prebuiltTargets.includes(target)
  ) {
    return {
      ...row,
      verdict: 'unsupported',
      problem: `rustc ${probe.version} (${probe.sysroot}) cannot build for ${target}: it has no rust-src to build core with -Zbuild-std and no prebuilt ${target} libraries`,
      fix: `pin a toolchain with rust-src (Debian: apt-get install rust-web-src, rust-toolchain.toml path = "/usr"), or run \`rustup component add rust-src\` / \`rustup target add ${target}\` where rustup can download`,
    };
  }
  return row;
}

function judgeMajor(tool: string, probe: Probe, llvmMajor: number, fix: string): ToolRow {
  if (probe instanceof Error) return failedRow(tool, probe);
  const row = okRow(tool, probe);
  if (probe.llvmMajor === llvmMajor) return row;
  return {
    ...row,
    verdict: 'mismatch',
    problem: `${tool} ${probe.version} is LLVM ${probe.llvmMajor}, the workspace pins LLVM ${llvmMajor}`,
    fix,
  };
}

function judgePresent(tool: string, probe: Probe): ToolRow {
  return probe instanceof Error ? failedRow(tool, probe) : okRow(tool, probe);
}

function okRow(tool: string, probe: ResolvedTool): ToolRow {
  return {
    tool,
    path: probe.path,
    version: probe.version,
    llvmMajor: probe.llvmMajor,
    foundBy: probe.foundBy,
    verdict: 'ok',
  };
}

function failedRow(tool: string, error: Error): ToolRow {
  const fix = (error as { fix?: unknown }).fix;
  const problem = error.message.split('\n  fix: ')[0] ?? error.message;
  return {
    tool,
    path: '-',
    version: '-',
    foundBy: '-',
    verdict: 'missing',
    problem,
    fix: typeof fix === 'string' ? fix : undefined,
  };
}
