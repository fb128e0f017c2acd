// Finds llvm-profdata and llvm-cov: the override variable, next to rustc's libraries, <tool>-<major>, <tool>.
import { dirname, join } from 'node:path';
import type { ProbeContext } from './probe-context';
import type { ResolvedTool } from './resolved-tool';
import { probeCandidates } from './tool-candidates';
import { parseLlvmToolVersion } from './version-output';

/** The two LLVM tools that read profiles and coverage mappings. */
export type LlvmToolKind = 'llvm-profdata' | 'llvm-cov';

/** The environment variable that overrides each tool. */
export const LLVM_TOOL_OVERRIDE: Record<LlvmToolKind, string> = {
  'llvm-profdata': 'LLVM_PROFDATA',
  'llvm-cov': 'LLVM_COV',
};

/** Resolves one LLVM tool for the pinned major; `targetLibdir` is `rustc --print target-libdir`. */
export function probeLlvmTool(
  kind: LlvmToolKind,
  context: ProbeContext,
  llvmMajor: number,
  targetLibdir: string | undefined,
): Promise<ResolvedTool> {
  const candidates = [
    ...(targetLibdir ? [{ program: join(dirname(targetLibdir), 'bin', kind), foundBy: 'next to rustc' }] : []),
    { program: `${kind}-${llvmMajor}`, foundBy: 'PATH' },
    { program: kind, foundBy: 'PATH' },
  ];
  return probeCandidates(
    {
      kind,
      overrideVariable: LLVM_TOOL_OVERRIDE[kind],
      candidates,
      // llvm-profdata before LLVM 15 only answers --version after a subcommand.
      versionArgs: kind === 'llvm-profdata' ? ['merge', '--version'] : ['--version'],
      parse: parseLlvmToolVersion,
      installFix: `install LLVM ${llvmMajor}'s tools (Debian: apt-get install llvm-${llvmMajor}), or set ${LLVM_TOOL_OVERRIDE[kind]}`,
      preferLlvmMajor: llvmMajor,
    },
    context,
  );
}
