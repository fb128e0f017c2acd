// A vitest reporter that prints the slowest test files after a run, so time spent in the suite stays visible.
import type { Reporter, TestModule } from 'vitest/node';

/** How many files the summary lists. */
const SHOWN = 5;

/** Prints the `SHOWN` slowest test files (tests and hooks), with each one's share of the whole run. */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules
      .map((module) => ({ file: module.relativeModuleId, ms: module.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms);
    const total = timed.reduce((sum, entry) => sum + entry.ms, 0);
    if (timed.length === 0 || total === 0) return;
    const lines = timed
      .slice(0, SHOWN)
      .map(
        ({ file, ms }) =>
          `  ${(ms / 1000).toFixed(1).padStart(7)} s  ${((100 * ms) / total).toFixed(0).padStart(3)}%  ${file}`,
      );
    console.log(
      `\nSlowest test files (of ${timed.length}, ${(total / 1000).toFixed(0)} s in all):\n${lines.join('\n')}`,
    );
  }
}
