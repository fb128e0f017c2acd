import { defineConfig } from 'vitest/config';
import { REAL_TOOL_SPECS, SHARED_TARGET_E2E_SPECS } from './tools/testing/test-projects.ts';

// The repository's tests in three projects (`npm test` runs them through tools/test-all.mjs):
//   unit   specs that start no program (tools/testing/no-programs-setup.ts fails any that does), files in parallel;
//   tools  specs that run the real tools (cargo, clang, llvm-profdata, llvm-cov, QEMU, nx), one file at a time;
//   e2e    end-to-end specs whose workspace copies share one cargo build directory (target/e2e-shared), one file
//          at a time: two of them at once would race on that directory's binaries.
// tools/test-all.mjs runs `tools` and `e2e` as two vitest processes side by side (within one process, projects of a
// group share one worker count). `npm run test:unit` is the fast loop; a plain `vitest run` runs all three in turn.

const NEVER = ['**/node_modules/**', '**/dist/**', '**/target/**'];
// Packs the plugin once per run for the end-to-end copies, which install it as users do.
const PACKED_PLUGIN_SETUP = 'tools/testing/packed-plugin.ts';

export default defineConfig({
  test: {
    exclude: NEVER,
    // Both cores for unit specs; the real-tool projects set one file at a time themselves.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/minicov/src/**/*.spec.ts', 'tools/**/*.spec.ts'],
          exclude: [...NEVER, ...REAL_TOOL_SPECS],
          setupFiles: ['tools/testing/no-programs-setup.ts'],
          // Unit specs mock nothing and keep no state between files: one module graph per worker is enough.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'tools',
          include: [
            ...REAL_TOOL_SPECS,
            'packages/minicov-e2e/src/**/*.spec.ts',
            'runtime/tests/**/*.spec.ts',
            'examples/**/*.spec.ts',
          ],
          exclude: [...NEVER, ...SHARED_TARGET_E2E_SPECS],
          globalSetup: [PACKED_PLUGIN_SETUP],
          // Real cargo/clang/QEMU builds: time enough, and one file at a time in this project.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: SHARED_TARGET_E2E_SPECS,
          globalSetup: [PACKED_PLUGIN_SETUP],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
