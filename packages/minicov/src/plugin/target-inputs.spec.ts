import { describe, expect, it } from 'vitest';
import { run } from '../../../../tools/testing/exec';
import { BUILD_ENVIRONMENT } from './target-inputs';

/** What Nx hashes for the build environment: the runtime input's output, run by a shell with `env`. */
function hashedEnvironment(env: Record<string, string>): string[] {
  const command = (BUILD_ENVIRONMENT as { runtime: string }).runtime;
  return run('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } })
    .stdout.toString('utf8')
    .trim()
    .split('\n')
    .filter(Boolean);
}

describe('the build environment input', () => {
  it("lists what changes cargo's, the compilers' and minicov's output, sorted", () => {
    const listed = hashedEnvironment({
      MINICOV_VALUE_POOL_BYTES: '4096',
      CARGO_PROFILE_RELEASE_OPT_LEVEL: '0',
      CARGO_BUILD_RUSTFLAGS: '-Cdebuginfo=0',
      CARGO_ENCODED_RUSTFLAGS: '-Ctarget-cpu=native',
      CARGO_TARGET_THUMBV7M_NONE_EABI_RUSTFLAGS: '-Clink-arg=-Tx.ld',
      CFLAGS: '-O0',
      CFLAGS_thumbv7m_none_eabi: '-Os',
      TARGET_CFLAGS: '-g',
      CC_thumbv7m_none_eabi: 'clang-22',
    });
    expect(listed).toEqual([
      'CARGO_BUILD_RUSTFLAGS=-Cdebuginfo=0',
      'CARGO_ENCODED_RUSTFLAGS=-Ctarget-cpu=native',
      'CARGO_PROFILE_RELEASE_OPT_LEVEL=0',
      'CARGO_TARGET_THUMBV7M_NONE_EABI_RUSTFLAGS=-Clink-arg=-Tx.ld',
      'CC_thumbv7m_none_eabi=clang-22',
      'CFLAGS=-O0',
      'CFLAGS_thumbv7m_none_eabi=-Os',
      'MINICOV_VALUE_POOL_BYTES=4096',
      'TARGET_CFLAGS=-g',
    ]);
  });

  it('leaves out what does not change the build output: where it goes, the terminal, the path', () => {
    expect(
      hashedEnvironment({
        CARGO_TARGET_DIR: '/tmp/t',
        TERM: 'xterm',
        HOME: '/root',
        CARGO_HOME: '/root/.cargo',
      }),
    ).toEqual([]);
  });
});
