// Finds qemu-system-<arch> for firmware runs and reads its version.
import type { ProbeContext } from './probe-context';
import type { ResolvedTool } from './resolved-tool';
import { probeCandidates } from './tool-candidates';
import { parseQemuVersion } from './version-output';

/** Resolves qemu-system-<arch>; QEMU_SYSTEM, when set, is the only one considered. */
export function probeQemu(context: ProbeContext, arch: string): Promise<ResolvedTool> {
  const program = `qemu-system-${arch}`;
  return probeCandidates(
    {
      kind: 'qemu',
      overrideVariable: 'QEMU_SYSTEM',
      candidates: [{ program, foundBy: 'PATH' }],
      versionArgs: ['--version'],
      parse: parseQemuVersion,
      installFix: `install QEMU (Debian: apt-get install ${arch.startsWith('riscv') ? 'qemu-system-misc' : 'qemu-system-arm'})`,
    },
    context,
  );
}
