// Finds llvm-profdata and llvm-cov: the override variable, next to rustc's libraries, <tool>-<major>, <tool>.
import { dirname, join } from 'node:path';
import { findOnPath } from '../process/find-on-path';
import { ToolNotFoundError } from '../process/tool-errors';
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
    ...(targetLibdir
      ? [{ program: join(dirname(targetLibdir), 'bin', kind), foundBy: 'next to rustc' }]
      : []),
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

/** llvm-cxxfilt for demangling report names: `llvm-cxxfilt-<major>`, next to llvm-cov, or plain; throws if none. */
export function findLlvmCxxfilt(context: ProbeContext, llvmMajor: number, llvmCov: string): string {
  const candidates = [
    `llvm-cxxfilt-${llvmMajor}`,
    join(dirname(llvmCov), 'llvm-cxxfilt'),
    'llvm-cxxfilt',
  ];
  for (const candidate of candidates) {
    const found = findOnPath(candidate, context.env.PATH, context.cwd);
    if (found) return found;
  }
  throw new ToolNotFoundError(
    `llvm-cxxfilt (looked for ${candidates.join(', ')})`,
    `install LLVM ${llvmMajor}'s tools (Debian: apt-get install llvm-${llvmMajor})`,
  );
}
