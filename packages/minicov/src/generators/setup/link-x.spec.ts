import { describe, expect, it } from 'vitest';
import { linkXReason } from './link-x';

describe('linkXReason', () => {
  it('sees -C link-arg=-Tlink.x split over two flags', () =>
    expect(linkXReason(['-C', 'link-arg=-Tlink.x'], {}, undefined)).toBe(
      'its rustflags pass -Tlink.x',
    ));
  it('sees -Clink-arg=-Tlink.x', () =>
    expect(linkXReason(['-Clink-arg=-Tlink.x'], {}, undefined)).toBe(
      'its rustflags pass -Tlink.x',
    ));
  it('ignores another linker script', () =>
    expect(linkXReason(['-C', 'link-arg=-Tmemory.x'], {}, undefined)).toBeUndefined());
  it('sees a cortex-m-rt dependency', () =>
    expect(linkXReason([], { dependencies: { 'cortex-m-rt': '0.7' } }, undefined)).toBe(
      'it depends on cortex-m-rt',
    ));
  it('sees a renamed target-specific cortex-m-rt', () =>
    expect(
      linkXReason(
        [],
        {
          target: {
            'cfg(target_os = "none")': {
              dependencies: { rt: { package: 'cortex-m-rt', version: '0.7' } },
            },
          },
        },
        undefined,
      ),
    ).toBe('it depends on cortex-m-rt'));
  it('sees -Tlink.x in the build script', () =>
    expect(linkXReason([], {}, 'println!("cargo:rustc-link-arg=-Tlink.x");')).toBe(
      'its build script passes -Tlink.x',
    ));
  it('finds nothing in a crate with its own linker script', () =>
    expect(
      linkXReason(
        [],
        { dependencies: { minicov: { path: 'x' } } },
        'println!("cargo:rustc-link-arg-bins=-Tlink.ld");',
      ),
    ).toBeUndefined());
});
