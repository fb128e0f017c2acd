// Resolves every tool a target will use and checks them against the pin before any work starts.
import { MinicovError } from '../errors';
import { probeCargo } from './cargo';
import { probeClang } from './clang';
import { judgeToolchain, type Probe, type ToolchainProbes } from './judge-toolchain';
import { probeLlvmTool } from './llvm-tools';
import type { ProbeContext } from './probe-context';
import { probeQemu } from './qemu';
import type { ResolvedTool } from './resolved-tool';
import { probeRustc, type RustcTool } from './rustc';
import type { ToolchainNeeds } from './toolchain-needs';
import { allUsable, formatToolchainReport, type ToolRow } from './toolchain-report';

/** Every tool a target uses, all on the pinned LLVM major. */
export interface ResolvedToolchain {
  llvmMajor: number;
  rustc: RustcTool;
  cargo: ResolvedTool;
  clang?: ResolvedTool;
  llvmProfdata?: ResolvedTool;
  llvmCov?: ResolvedTool;
  qemu?: ResolvedTool;
  rows: ToolRow[];
}

/** At least one tool is missing, on another LLVM major, or cannot build for the target. */
export class ToolchainMismatchError extends MinicovError {
  constructor(
    readonly rows: ToolRow[],
    llvmMajor: number,
  ) {
    const bad = rows.filter((row) => row.verdict !== 'ok').map((row) => row.tool);
    super(
      `toolchain check failed (${bad.join(', ')}): the step stopped before running anything\n${formatToolchainReport(rows, llvmMajor)}`,
      'apply the fix listed under each tool above, then run `nx run <project>:toolchain` to check again',
    );
  }
}

/** Probes every needed tool (collecting all failures, not just the first) and judges them. */
export async function probeToolchain(
  llvmMajor: number,
  needs: ToolchainNeeds,
  context: ProbeContext,
): Promise<ToolchainProbes> {
  const rustc = await settle(probeRustc(context));
  const targetLibdir = rustc instanceof Error ? undefined : rustc.targetLibdir;
  const [cargo, clang, llvmProfdata, llvmCov, qemu] = await Promise.all([
    settle(probeCargo(context, rustc instanceof Error ? undefined : rustc.sysroot)),
    needs.cModules ? settle(probeClang(context, llvmMajor)) : undefined,
    needs.profdata
      ? settle(probeLlvmTool('llvm-profdata', context, llvmMajor, targetLibdir))
      : undefined,
    needs.cov ? settle(probeLlvmTool('llvm-cov', context, llvmMajor, targetLibdir)) : undefined,
    needs.qemuArch ? settle(probeQemu(context, needs.qemuArch)) : undefined,
  ]);
  return { rustc, cargo, clang, llvmProfdata, llvmCov, qemu };
}

/** Resolves and checks the toolchain; throws ToolchainMismatchError listing every tool if any is unusable. */
export async function resolveToolchain(
  llvmMajor: number,
  needs: ToolchainNeeds,
  context: ProbeContext,
): Promise<ResolvedToolchain> {
  const probes = await probeToolchain(llvmMajor, needs, context);
  const rows = judgeToolchain(llvmMajor, needs, probes);
  if (!allUsable(rows)) throw new ToolchainMismatchError(rows, llvmMajor);
  const usable = <T extends ResolvedTool>(probe: Probe<T> | undefined) =>
    probe instanceof Error ? undefined : probe;
  return {
    llvmMajor,
    rustc: probes.rustc as RustcTool,
    cargo: probes.cargo as ResolvedTool,
    clang: usable(probes.clang),
    llvmProfdata: usable(probes.llvmProfdata),
    llvmCov: usable(probes.llvmCov),
    qemu: usable(probes.qemu),
    rows,
  };
}

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    return new Error(String(error));
  }
}
