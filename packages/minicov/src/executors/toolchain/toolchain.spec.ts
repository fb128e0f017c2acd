// `nx run fw:toolchain` through the real nx CLI, on this machine's tools.
import { describe, expect, it } from 'vitest';
import { runNx } from '../../../../../tools/testing/nx';

describe('nx run <project>:toolchain', () => {
  it('prints the resolved table and succeeds when every tool is on the pin', () => {
    const result = runNx(['run', 'fw:toolchain']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/rustc +\/usr\/bin\/rustc +1\.96\.0 +22 +ok/);
    expect(result.output).toMatch(/clang +\/usr\/bin\/clang-22 +22\.\d+\.\d+ +22 +ok/);
    expect(result.output).toMatch(/llvm-profdata +\S+ +22\.\d+\.\d+ +22 +ok/);
    expect(result.output).toMatch(/qemu +\/usr\/bin\/qemu-system-arm +\d+\.\d+\.\d+ +- +ok/);
  });

  it('fails and names the tool and the fix when CC is on another LLVM major', () => {
    const result = runNx(['run', 'fw:toolchain'], { env: { CC: 'clang-14' } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/clang +\/usr\/bin\/clang-14 +14\.0\.6 +14 +MISMATCH/);
    expect(result.output).toContain('fix: install clang-22');
    expect(result.output).toContain('Toolchain check failed');
  });
});
