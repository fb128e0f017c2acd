// `nx run fw:pgo` and `nx run host-nostd:pgo`: optimized binaries that the profile matched and that still pass their self-checks.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmware } from '../../../examples/fw/test/qemu';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { run } from '../../../tools/testing/exec';
import { runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';

let root: string;

beforeAll(() => {
  root = copyWorkspace('pgo', { sharedCargoTarget: true });
});

afterAll(() => removeWorkspaceCopy(root));

/** Runs `nx run <project>:pgo` and returns the "matched M of N" figures it printed. */
function pgo(project: string): { matched: number; ran: number } {
  const result = runNx(['run', `${project}:pgo`], { cwd: root });
  expect(result.code, result.output).toBe(0);
  const figures = /the profile matched (\d+) of the (\d+) functions that ran in training/.exec(result.output);
  expect(figures, result.output).not.toBeNull();
  return { matched: Number(figures?.[1]), ran: Number(figures?.[2]) };
}

describe('nx run <project>:pgo', () => {
  it('fw: the profile matches every function that ran, and the optimized firmware passes its self-check in QEMU', () => {
    const { matched, ran } = pgo('fw');
    expect(ran).toBeGreaterThan(3);
    expect(matched).toBe(ran);
    const optimized = join(root, 'dist/minicov/examples/fw/pgo/optimized/fw');
    const result = runFirmware(optimized, mkdtempSync(join(tmpdir(), 'fw-optimized-')));
    expect(result.code, `exit status (1 = self-check failed)\n${result.stderr}`).toBe(0);
  });

  it('host-nostd: the profile matches every function that ran, Rust and C, and the optimized program passes its self-check', () => {
    const { matched, ran } = pgo('host-nostd');
    expect(ran).toBeGreaterThan(3);
    expect(matched).toBe(ran);
    const directory = mkdtempSync(join(tmpdir(), 'host-optimized-'));
    const result = run(join(root, 'dist/minicov/examples/host-nostd/pgo/optimized/host-nostd'), [join(directory, 'unused.profraw')]);
    expect(result.code, result.stderr).toBe(0);
  });
});
