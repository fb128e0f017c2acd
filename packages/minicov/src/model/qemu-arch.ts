// Which QEMU system emulator runs a Rust target's programs: plain data, read by the graph and the toolchain checks.

/** The QEMU system emulator architecture for a Rust target triple; undefined when QEMU has none. */
export function qemuArchForTarget(target: string): string | undefined {
  if (/^(thumb|arm)/.test(target)) return 'arm';
  if (target.startsWith('aarch64')) return 'aarch64';
  if (target.startsWith('riscv32')) return 'riscv32';
  if (target.startsWith('riscv64')) return 'riscv64';
  return undefined;
}
