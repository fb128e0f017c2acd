// A no_std library measured through its unit tests (runner = "test"): rustc's own profiler runtime, the same pipeline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLcovLineCounts } from '../../../tools/testing/lcov';
import { runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

let root: string;

beforeAll(() => {
  root = copyWorkspace('library-tests', { sharedCargoTarget: true, pluginTarball: packedPlugin() });
});

afterAll(() => removeWorkspaceCopy(root));

/** The 1-based line of the first line in `file` containing `text`. */
function lineOf(file: string, text: string): number {
  return (
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe('nx run ringbuf:coverage', () => {
  it('runs the unit tests instrumented and reports the library with the counts the tests imply', () => {
    const result = runNx(['run', 'ringbuf:coverage'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('test result: ok. 2 passed');
    expect(result.output).toMatch(/examples\/libs\/ringbuf\/src\/lib\.rs +\d+\.\d\d% \(\d+\/\d+\)/);
    const file = 'examples/libs/ringbuf/src/lib.rs';
    const counts = readLcovLineCounts(join(root, 'coverage/examples/libs/ringbuf/lcov.info')).get(
      file,
    );
    // push on a full ring happens once (push(4) into [1, 2, 3]); pop on an empty ring once (the fourth pop).
    expect(counts?.get(lineOf(file, 'return Err(byte);'))).toBe(1);
    expect(counts?.get(lineOf(file, 'return None;'))).toBe(1);
    // overwrite drops a byte once, when it is called on a full ring.
    expect(
      counts?.get(lineOf(file, 'let dropped = if self.len == N { self.pop() } else { None };')),
    ).toBe(3);
  });

  it('infers no PGO chain for a library measured through its tests', () => {
    const shown = runNx(['show', 'project', 'ringbuf', '--json'], { cwd: root });
    expect(shown.code, shown.output).toBe(0);
    const targets = Object.keys(
      (JSON.parse(shown.stdout.toString('utf8')) as { targets: Record<string, unknown> }).targets,
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        'toolchain',
        'coverage-build',
        'coverage-run',
        'coverage-merge',
        'coverage',
      ]),
    );
    expect(targets.filter((target) => target.startsWith('pgo'))).toEqual([]);
  });
});
