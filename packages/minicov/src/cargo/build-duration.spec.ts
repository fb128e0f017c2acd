import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import { lastBuildNote, lastBuildSeconds, recordBuildSeconds } from './build-duration';

describe('the last build time of a build directory', () => {
  it('is recorded beside the build, and read back by the next one', async () => {
    const dir = writeTempTree('minicov-build-duration-', {});
    expect(await lastBuildSeconds(dir)).toBeUndefined();
    await recordBuildSeconds(dir, 31.4);
    expect(await lastBuildSeconds(dir)).toBe(31.4);
  });

  it('is ignored when its record is damaged', async () => {
    const dir = writeTempTree('minicov-build-duration-', {});
    writeFileSync(join(dir, 'minicov-last-build.json'), '{"seconds": "soon"}');
    expect(await lastBuildSeconds(dir)).toBeUndefined();
  });

  it('reads as a short note: whole seconds, tenths under ten seconds, nothing without a record', () => {
    expect(lastBuildNote(31.4)).toBe(' (the last build here took 31 s)');
    expect(lastBuildNote(2.345)).toBe(' (the last build here took 2.3 s)');
    expect(lastBuildNote(undefined)).toBe('');
  });
});
