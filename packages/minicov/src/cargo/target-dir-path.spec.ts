import { describe, expect, it } from 'vitest';
import { checkTargetDirPath } from './target-dir-path';

describe('checkTargetDirPath', () => {
  it('refuses a "%" in a bare-metal build directory, naming it and what to do', () =>
    expect(() =>
      checkTargetDirPath('/work/ws 100%p/target/minicov/fw/coverage', 'thumbv7m-none-eabi'),
    ).toThrow(
      'the build directory /work/ws 100%p/target/minicov/fw/coverage contains "%", which rust-lld cannot write thumbv7m-none-eabi programs under',
    ));
  it('accepts a "%" for the host, whose linker handles it', () =>
    expect(() =>
      checkTargetDirPath('/work/ws 100%p/target/minicov/app/coverage', 'x86_64-unknown-linux-gnu'),
    ).not.toThrow());
  it('accepts bare-metal builds elsewhere', () =>
    expect(() =>
      checkTargetDirPath("/work/ws 'q' ü/target", 'thumbv7em-none-eabihf'),
    ).not.toThrow());
});
