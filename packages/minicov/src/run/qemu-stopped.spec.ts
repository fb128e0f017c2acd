import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qemuStoppedBy } from './qemu-stopped';

describe('qemuStoppedBy', () => {
  it('names the signal and its sender from QEMU 7.2 on Debian', () => {
    const stderr =
      'Timer with period zero, disabling\nqemu-system-arm: terminating on signal 2 from pid 23359 (bash)\n';
    expect(qemuStoppedBy(stderr)).toBe('SIGINT (signal 2) from process 23359 (bash)');
  });

  it('names the signal when QEMU does not know the sender', () => {
    expect(qemuStoppedBy('qemu-system-riscv32: terminating on signal 15\n')).toBe(
      'SIGTERM (signal 15)',
    );
    expect(
      qemuStoppedBy('qemu-system-aarch64: terminating on signal 1 from pid 77 (<unknown process>)'),
    ).toBe('SIGHUP (signal 1) from process 77 (<unknown process>)');
  });

  it('finds nothing in a run that ended by itself, or in firmware output that only mentions the words', () => {
    expect(qemuStoppedBy('')).toBeUndefined();
    expect(qemuStoppedBy('Timer with period zero, disabling\n')).toBeUndefined();
    expect(qemuStoppedBy('fw: terminating on signal 2 from pid 1 (init)\n')).toBeUndefined();
  });

  it('reads what the installed QEMU prints when it is stopped by SIGTERM, and sees it exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minicov-qemu-stopped-'));
    try {
      // An empty kernel is enough: -S keeps the CPU stopped, so QEMU only waits for the signal.
      const kernel = join(dir, 'empty.bin');
      writeFileSync(kernel, Buffer.alloc(64));
      const qemu = spawn(
        'qemu-system-arm',
        ['-S', '-M', 'lm3s6965evb', '-nographic', '-kernel', kernel],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      qemu.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      qemu.stdout.resume();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      qemu.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) =>
        qemu.on('close', (exitCode) => resolve(exitCode)),
      );
      expect(code).toBe(0);
      expect(qemuStoppedBy(stderr)).toMatch(/^SIGTERM \(signal 15\) from process \d+ \(/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
