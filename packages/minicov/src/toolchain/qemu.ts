// Finds qemu-system-<arch> for firmware runs and reads its version.
import type { ProbeContext } from './probe-context';
import type { ResolvedTool } from './resolved-tool';
import { probeCandidates } from './tool-candidates';
import { parseQemuVersion } from './version-output';

/** The QEMU system emulator architecture for a Rust target triple; undefined when QEMU has none. */
export function qemuArchForTarget(target: string): string | undefined {
  if (/^(thumb|arm)/.test(target)) return 'arm';
  if (target.startsWith('aarch64')) return 'aarch64';
  if (target.startsWith('riscv32')) return 'riscv32';
  if (target.startsWith('riscv64')) return 'riscv64';
  return undefined;
}

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
