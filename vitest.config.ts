import { defineConfig } from 'vitest/config';

// One test command for the whole repository: plugin specs, runtime tests, example and tool checks.
export default defineConfig({
  test: {
    include: [
      'packages/**/src/**/*.spec.ts',
      'runtime/tests/**/*.spec.ts',
      'examples/**/*.spec.ts',
      'tools/**/*.spec.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/target/**'],
    // Tests run real cargo/clang/QEMU builds: give them time, and one file at a time on 2 cores.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
