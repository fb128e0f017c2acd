// The minicov crate's build script: it refuses an LLVM it cannot write for and a clang on another LLVM major.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { hostTarget, repoRoot } from '../../tools/testing/cargo';
import { mustRun, run } from '../../tools/testing/exec';

function buildMinicov(env: Record<string, string>) {
  const targetDir = mkdtempSync(join(tmpdir(), 'minicov-buildrs-'));
  return run(
    'cargo',
    ['build', '-p', 'minicov', '--target', hostTarget, '--target-dir', targetDir],
    {
      cwd: repoRoot,
      env: { RUSTFLAGS: '', ...env },
    },
  );
}

/** A rustc that is Debian's real one, except that `-vV` claims LLVM `version`. */
function rustcClaimingLlvm(version: string): string {
  const script = join(mkdtempSync(join(tmpdir(), 'minicov-rustc-')), 'rustc');
  writeFileSync(
    script,
    `#!/bin/sh\nif [ "$1" = "-vV" ]; then /usr/bin/rustc -vV | sed 's/^LLVM version: .*/LLVM version: ${version}/'; else exec /usr/bin/rustc "$@"; fi\n`,
  );
  chmodSync(script, 0o755);
  return script;
}

describe('minicov build script', () => {
  it('stops with a clear error for an LLVM it does not support, naming that LLVM', () => {
    const result = buildMinicov({ RUSTC: rustcClaimingLlvm('23.1.0') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('minicov supports LLVM 14 to 22, but rustc uses LLVM 23');
  });

  it('stops when CC names a clang on another LLVM major, saying which and what to do', () => {
    const result = buildMinicov({ CC: 'clang-14' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('CC=clang-14 is clang with LLVM 14, but rustc uses LLVM 22');
    expect(result.stderr).toContain('apt-get install clang-22');
  });

  it('builds with the matching clang found on its own', () => {
    expect(buildMinicov({}).code).toBe(0);
  });

  it('passes its own unit tests (version parsing and selection)', () => {
    const result = mustRun('cargo', ['test', '-p', 'minicov', '--target', hostTarget], {
      cwd: repoRoot,
      env: { RUSTFLAGS: '' },
    });
    expect(result.stdout.toString()).toMatch(/test result: ok\. [1-9]\d* passed/);
  });
});
