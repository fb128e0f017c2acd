// Firmware that hangs or faults before it writes its profile: a clear error, no profile kept, nothing cached, no QEMU left behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../tools/testing/exec';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';

let root: string;
let mainRs: string;
let original: string;

beforeAll(() => {
  root = copyWorkspace('run-failures', { sharedCargoTarget: true });
  mainRs = join(root, 'examples/fw/src/main.rs');
  original = readFileSync(mainRs, 'utf8');
  const manifest = join(root, 'examples/fw/Cargo.toml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('timeout = 60', 'timeout = 5'));
});

afterAll(() => removeWorkspaceCopy(root));

/** The firmware with `statement` as the first thing fw_main does. */
function firmwareThat(statement: string): void {
  writeFileSync(mainRs, original.replace('extern "C" fn fw_main() -> ! {', `extern "C" fn fw_main() -> ! {\n    ${statement}`));
}

function qemuProcessesOf(directory: string): string[] {
  return run('pgrep', ['-af', `qemu-system-arm.*${directory}`]).stdout.toString('utf8').split('\n').filter((line) => line.trim() !== '');
}

describe('nx run fw:coverage with firmware that misbehaves', () => {
  it('stops firmware that never exits at the timeout, keeps no profile and caches nothing', () => {
    firmwareThat('if core::hint::black_box(true) { loop { core::hint::spin_loop(); } }');
    for (const attempt of [1, 2]) {
      const result = runNx(['run', 'fw:coverage'], { cwd: root });
      expect(result.code, `attempt ${attempt}`).not.toBe(0);
      expect(result.output).toContain('fw run 1 did not finish within 5 s and was stopped; no profile is kept');
      expect(result.output).toContain('raise package.metadata.minicov.timeout');
      // The failed run step is never replayed from the cache.
      expect(nxTasks(result.output).get('fw:coverage-run')).toBe('ran');
      expect(qemuProcessesOf(root)).toEqual([]);
    }
  });

  it('reports firmware that faults before dumping its profile', () => {
    firmwareThat('unsafe { core::arch::asm!("udf #0") };');
    const result = runNx(['run', 'fw:coverage'], { cwd: root });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('fw run 1 exited with status 3 (a HardFault');
    expect(result.output).toContain('its profile is not used');
  });
});
