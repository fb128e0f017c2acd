// Which specs run in which test project (vitest.config.ts); test-projects.spec.ts keeps the lists true.

/** Specs under packages/minicov/src that run real tools; every other spec there is a unit spec. */
export const REAL_TOOL_SPECS = [
  'packages/minicov/src/board/binary-check.spec.ts',
  'packages/minicov/src/board/board-layout.spec.ts',
  'packages/minicov/src/cargo/rustc-wrapper.spec.ts',
  'packages/minicov/src/executors/toolchain/toolchain.spec.ts',
  'packages/minicov/src/fs/replace-output.spec.ts',
  'packages/minicov/src/plugin/target-inputs.spec.ts',
  'packages/minicov/src/process/run-tool.spec.ts',
  'packages/minicov/src/profile/data-record-layout.spec.ts',
  'packages/minicov/src/profile/profiles-rejected-before-llvm-profdata.spec.ts',
  'packages/minicov/src/profile/raw-profile-properties.spec.ts',
  'packages/minicov/src/profile/raw-profile-vs-llvm-profdata.spec.ts',
  'packages/minicov/src/profile/raw-profile.spec.ts',
  'packages/minicov/src/report/html-report.spec.ts',
  'packages/minicov/src/report/lcov-rewrite.spec.ts',
  'packages/minicov/src/report/report-formats.spec.ts',
  'packages/minicov/src/report/write-report.spec.ts',
  'packages/minicov/src/run/qemu-stopped.spec.ts',
  'packages/minicov/src/toolchain/installed-toolchains.spec.ts',
  'packages/minicov/src/toolchain/resolve-toolchain.spec.ts',
];

/** End-to-end specs whose copies link target/ to the shared cargo build directory (`sharedCargoTarget`). */
export const SHARED_TARGET_E2E_SPECS = [
  'fw-coverage',
  'host-tests',
  'interrupts',
  'lean-instrumentation',
  'library-tests',
  'parallel-runs',
  'pgo',
  'report-options',
  'run-failures',
  'workspace-report',
].map((name) => `packages/minicov-e2e/src/${name}.spec.ts`);
