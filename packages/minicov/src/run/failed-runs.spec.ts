import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../../../../tools/testing/failure';
import { failOnFailedRuns, readFailedRuns, writeFailedRuns } from './failed-runs';
import { RunFailedError } from './run-failure';

const directory = () => mkdtempSync(join(tmpdir(), 'minicov-failed-runs-'));

describe('failed runs kept by merge-failed-runs', () => {
  it('writes no record when every run passed, and then the report step passes', async () => {
    const profiles = directory();
    await writeFailedRuns(profiles, []);
    expect(await readFailedRuns(profiles)).toEqual([]);
    await expect(failOnFailedRuns(profiles, 'fw:coverage')).resolves.toBeUndefined();
  });

  it('fails the report step naming each failed run, its status and what it means', async () => {
    const profiles = directory();
    await writeFailedRuns(profiles, [
      { label: 'fw run 2', exitCode: 1, meaning: ' (its self-check failed)' },
      {
        label: 'fw host unit tests (build/fw-host-tests)',
        exitCode: 101,
        meaning: ' (a unit test failed)',
      },
    ]);
    const error = await failure(failOnFailedRuns(profiles, 'fw:coverage'));
    expect(error).toBeInstanceOf(RunFailedError);
    expect(error.message).toContain(
      'fw run 2 exited with status 1 (its self-check failed); fw host unit tests (build/fw-host-tests) exited with status 101 (a unit test failed)',
    );
    expect(error.message).toContain('merged (merge-failed-runs)');
    expect(error.message).toContain(
      'fix: fix the failure the program reports, then run `nx run fw:coverage` again',
    );
  });
});
