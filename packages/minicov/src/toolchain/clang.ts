// Finds the clang that compiles a project's C modules: CC, then clang-<major>, then clang.
import type { ProbeContext } from './probe-context';
import type { ResolvedTool } from './resolved-tool';
import { probeCandidates } from './tool-candidates';
import { parseClangVersion } from './version-output';

/** The Debian package that provides clang for an LLVM major. */
export function clangPackage(llvmMajor: number): string {
  return `clang-${llvmMajor}`;
}

/** Resolves clang for the pinned LLVM major; CC, when set, is the only one considered. */
export function probeClang(context: ProbeContext, llvmMajor: number): Promise<ResolvedTool> {
  return probeCandidates(
    {
      kind: 'clang',
      overrideVariable: 'CC',
      candidates: [
        { program: `clang-${llvmMajor}`, foundBy: 'PATH' },
        { program: 'clang', foundBy: 'PATH' },
      ],
      versionArgs: ['--version'],
      parse: parseClangVersion,
      installFix: `install clang ${llvmMajor} (Debian: apt-get install ${clangPackage(llvmMajor)} lld-${llvmMajor})`,
      preferLlvmMajor: llvmMajor,
    },
    context,
  );
}
