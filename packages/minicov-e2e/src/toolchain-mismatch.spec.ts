// A mismatch is stopped before anything is built, and an object from another LLVM is caught before anything runs.
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';

let root: string;

beforeAll(() => {
  root = copyWorkspace('toolchain-mismatch');
});

afterAll(() => removeWorkspaceCopy(root));

describe('toolchain checks in the pipeline', () => {
  it('rejects CC=clang-14 against rustc on LLVM 22 before building anything', () => {
    const result = runNx(['run', 'host-nostd:coverage'], { cwd: root, env: { CC: 'clang-14' } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'toolchain check failed (clang): the step stopped before running anything',
    );
    expect(result.output).toContain('fix: install clang-22');
    expect(result.output).not.toContain('Compiling');
    expect(existsSync(join(root, 'target', 'minicov', 'host-nostd'))).toBe(false);
  });

  it('rejects LLVM_PROFDATA=llvm-profdata-14 before building anything', () => {
    const result = runNx(['run', 'host-nostd:coverage'], {
      cwd: root,
      env: { LLVM_PROFDATA: 'llvm-profdata-14' },
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('llvm-profdata 14.0.6 is LLVM 14, the workspace pins LLVM 22');
    expect(existsSync(join(root, 'target', 'minicov', 'host-nostd'))).toBe(false);
  });

  it('catches a clang-14 object in the LLVM-22 binary after the build, and never runs it', () => {
    // A compiler wrapper that reports clang 22 but compiles with clang 14, as a stale ccache or a
    // vendor's prebuilt object would: only the binary itself can tell.
    const wrapper = join(mkdtempSync(join(tmpdir(), 'minicov-cc-')), 'cc');
    writeFileSync(
      wrapper,
      '#!/bin/sh\nif [ "$1" = "--version" ]; then exec clang-22 --version; fi\nexec clang-14 "$@"\n',
    );
    chmodSync(wrapper, 0o755);
    const result = runNx(['run', 'host-nostd:coverage'], { cwd: root, env: { CC: wrapper } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/clang version 14\.0\.6/);
    expect(result.output).toContain('the workspace pins LLVM 22');
    const tasks = nxTasks(result.output);
    expect(tasks.get('host-nostd:coverage-build')).toBe('ran');
    expect(tasks.has('host-nostd:coverage-run')).toBe(false);
  });
});
