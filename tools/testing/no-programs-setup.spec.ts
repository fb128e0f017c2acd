// The unit project's guard is in place: a unit spec that starts a program fails, naming the way out.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('unit specs', () => {
  it.each([
    ['spawnSync', () => spawnSync('true')],
    ['spawn', () => spawn('true')],
    ['execFile', () => execFile('true')],
  ])('cannot start a program through %s', (_name, start) => {
    expect(start).toThrow(/unit specs start no programs.*REAL_TOOL_SPECS/);
  });
});
