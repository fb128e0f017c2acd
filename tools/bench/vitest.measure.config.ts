import { defineConfig } from 'vitest/config';

// Measurements that print figures (npm run bench:board): run on their own, never part of `npm test`.
export default defineConfig({
  test: {
    include: ['tools/bench/**/*.measure.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
