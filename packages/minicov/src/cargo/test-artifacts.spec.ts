import { describe, expect, it } from 'vitest';
import { libraryTestExecutable, testExecutables } from './test-artifacts';

// Shaped as cargo 1.96 prints them (fields trimmed).
const OUTPUT = [
  '{"reason":"compiler-artifact","package_id":"path+file:///ws/crates/math-lib#0.1.0","target":{"name":"math_lib","kind":["lib"]},"profile":{"test":false},"executable":null}',
  'warning: some plain text a build script printed',
  '{"reason":"compiler-artifact","package_id":"path+file:///ws/crates/math-lib#0.1.0","target":{"name":"math_lib","kind":["lib"]},"profile":{"test":true},"executable":"/ws/target/x86_64-unknown-linux-gnu/release/deps/math_lib-1a2b"}',
  '{"reason":"build-finished","success":true}',
].join('\n');

describe('test executables from cargo messages', () => {
  it('finds the library test binary of the package (dashes and underscores alike)', () => {
    expect(testExecutables(OUTPUT, 'math-lib')).toEqual([
      '/ws/target/x86_64-unknown-linux-gnu/release/deps/math_lib-1a2b',
    ]);
    expect(libraryTestExecutable(OUTPUT, 'math-lib')).toBe(
      '/ws/target/x86_64-unknown-linux-gnu/release/deps/math_lib-1a2b',
    );
  });

  it('says so when cargo built no test binary', () => {
    expect(() => libraryTestExecutable(OUTPUT, 'other')).toThrow(
      'cargo built no unit-test executable for other',
    );
  });
});
