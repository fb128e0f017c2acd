// Runs that end badly: firmware that hangs, faults or fails its self-check, QEMU missing,
// a host program killed by a signal. Each gives a clear error, keeps no profile (unless merge-failed-runs says so),
// caches nothing, and leaves no process behind.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readLcovLineCounts } from '../../../tools/testing/lcov';
import { run } from '../../../tools/testing/exec';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { startNx } from '../../../tools/testing/nx-process';
import {
  lingeringZombieIds,
  processesWorkingIn,
  zombieIds,
} from '../../../tools/testing/processes';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const FW_PROFILES = 'dist/minicov/examples/fw/coverage/profiles';
let root: string;
const originals = new Map<string, string>();

/** The copy's file at `path`, as it was when the copy was made. */
function original(path: string): string {
  if (!originals.has(path)) originals.set(path, readFileSync(join(root, path), 'utf8'));
  return originals.get(path) as string;
}

/** Rewrites `path` from its original text; every test starts from the originals again. */
function edit(path: string, from: string, to: string): void {
  const text = original(path);
  expect(text, path).toContain(from);
  writeFileSync(join(root, path), text.replace(from, to));
}

beforeAll(() => {
  root = copyWorkspace('run-failures', { sharedCargoTarget: true, pluginTarball: packedPlugin() });
  original('examples/fw/src/main.rs');
  original('examples/fw/src/self_check.rs');
  original('examples/host-nostd/src/main.rs');
  edit('examples/fw/Cargo.toml', 'timeout = 60', 'timeout = 5');
  originals.set(
    'examples/fw/Cargo.toml',
    readFileSync(join(root, 'examples/fw/Cargo.toml'), 'utf8'),
  );
});

beforeEach(() => {
  for (const [path, text] of originals) writeFileSync(join(root, path), text);
});

afterAll(() => removeWorkspaceCopy(root));

/** The firmware with `statement` as the first thing fw_main does. */
function firmwareThat(statement: string): void {
  edit(
    'examples/fw/src/main.rs',
    'extern "C" fn fw_main() -> ! {',
    `extern "C" fn fw_main() -> ! {\n    ${statement}`,
  );
}

/**
 * Runs `nx run <target>` twice and checks both fail with `message`,
 * the run step running each time (never a cached replay) and keeping no profile.
 */
function failsTwiceWithoutTrace(
  target: string,
  runTask: string,
  profiles: string,
  message: string,
  env: Record<string, string> = {},
): string {
  let output = '';
  for (const attempt of [1, 2]) {
    const result = runNx(['run', target], { cwd: root, env });
    output = result.output;
    expect(result.code, `attempt ${attempt}\n${output}`).not.toBe(0);
    expect(output).toContain(message);
    expect(nxTasks(output).get(runTask), `attempt ${attempt}`).toBe('ran');
    expect(existsSync(join(root, profiles)), `${profiles} after attempt ${attempt}`).toBe(false);
    expect(
      readdirSync(join(root, profiles, '..')).filter((name) => name.includes('partial')),
    ).toEqual([]);
  }
  return output;
}

describe('nx run fw:coverage with firmware that misbehaves', () => {
  it('stops firmware that never exits at the timeout: no profile, nothing cached, QEMU and its children gone, no zombie', async () => {
    const zombiesBefore = zombieIds('qemu-system');
    firmwareThat('if core::hint::black_box(true) { loop { core::hint::spin_loop(); } }');
    failsTwiceWithoutTrace(
      'fw:coverage',
      'fw:coverage-run',
      FW_PROFILES,
      'fw run 1 did not finish within 5 s and was stopped; no profile is kept',
    );
    // Every process a run starts works in the run's directory under the workspace: none is left.
    expect(processesWorkingIn(root)).toEqual([]);
    const zombiesAfter = await lingeringZombieIds('qemu-system');
    expect([...zombiesAfter].filter((pid) => !zombiesBefore.has(pid))).toEqual([]);
  });

  it('reports firmware that faults before dumping its profile, keeping nothing', () => {
    firmwareThat('unsafe { core::arch::asm!("udf #0") };');
    const output = failsTwiceWithoutTrace(
      'fw:coverage',
      'fw:coverage-run',
      FW_PROFILES,
      'fw run 1 exited with status 3 (a HardFault',
    );
    expect(output).toContain('its profile is not used');
  });

  it("reports a failed self-check as a test failure and, by default, uses none of the step's profiles", () => {
    edit('examples/fw/src/self_check.rs', 'good: 6,', 'good: 7,');
    const output = failsTwiceWithoutTrace(
      'fw:coverage',
      'fw:coverage-run',
      FW_PROFILES,
      'fw run 1 exited with status 1 (its self-check failed, if it follows the minicov exit codes); its profile is not used',
    );
    expect(output).toContain('fix: fix the failure the program reports');
  });

  it("with merge-failed-runs, merges the failed run's profile into the report, then fails, and a cached replay fails the same way", () => {
    edit('examples/fw/src/self_check.rs', 'good: 6,', 'good: 7,');
    writeFileSync(
      join(root, 'examples/fw/Cargo.toml'),
      original('examples/fw/Cargo.toml').replace(
        'c-modules = true',
        'c-modules = true\nmerge-failed-runs = true',
      ),
    );
    const failure =
      'fw run 1 exited with status 1 (its self-check failed, if it follows the minicov exit codes). The profiles of the failed run were merged (merge-failed-runs)';
    for (const [attempt, runStep] of [
      [1, 'ran'],
      [2, 'cache'],
    ] as const) {
      const result = runNx(['run', 'fw:coverage'], { cwd: root });
      expect(result.code, `attempt ${attempt}\n${result.output}`).not.toBe(0);
      const tasks = nxTasks(result.output);
      expect(tasks.get('fw:coverage-run'), `attempt ${attempt}`).toBe(runStep);
      expect(tasks.get('fw:coverage-merge'), `attempt ${attempt}`).toBe(runStep);
      // The report step fails after writing the report, so it is never cached and always says why.
      expect(tasks.get('fw:coverage'), `attempt ${attempt}`).toBe('ran');
      expect(result.output).toContain(failure);
      if (attempt === 1)
        expect(result.output).toContain(
          'minicov: fw run 1 exited with status 1 (its self-check failed, if it follows the minicov exit codes); its profile is kept (merge-failed-runs)',
        );
      const record = JSON.parse(
        readFileSync(join(root, FW_PROFILES, 'failed-runs.json'), 'utf8'),
      ) as { label: string; exitCode: number }[];
      expect(record).toMatchObject([{ label: 'fw run 1', exitCode: 1 }]);
      // Nothing of the failed run is lost: the self-check and the workload it checked are counted in the report.
      const counts = readLcovLineCounts(join(root, 'coverage/examples/fw/lcov.info'));
      const selfCheck = counts.get('examples/fw/src/self_check.rs');
      expect(Math.max(...(selfCheck?.values() ?? [0]))).toBeGreaterThan(0);
      expect(Math.max(...(counts.get('examples/fw/src/hdlc.rs')?.values() ?? [0]))).toBeGreaterThan(
        0,
      );
      expect(readdirSync(join(root, FW_PROFILES)).sort()).toEqual([
        'failed-runs.json',
        'host-tests',
        'run-0',
      ]);
    }
  });

  it('names qemu-system-arm and the Debian package when QEMU is missing, and loses nothing built before', () => {
    // PATH with every program of /usr/bin except QEMU's.
    const bin = mkdtempSync(join(tmpdir(), 'minicov-no-qemu-'));
    for (const name of readdirSync('/usr/bin').filter((name) => !name.startsWith('qemu-system')))
      symlinkSync(join('/usr/bin', name), join(bin, name));
    const output = failsTwiceWithoutTrace(
      'fw:coverage',
      'fw:coverage-run',
      FW_PROFILES,
      'qemu (looked for qemu-system-arm): not found',
      { PATH: bin },
    );
    expect(output).toContain('apt-get install qemu-system-arm');
    expect(nxTasks(output).get('fw:coverage-build')).toBe('cache');
    // With QEMU back, the build is replayed from the cache and the chain completes.
    const result = runNx(['run', 'fw:coverage'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    expect(nxTasks(result.output).get('fw:coverage-build')).toBe('cache');
  });
});

describe('nx run fw:coverage with a machine QEMU has no memory map for', () => {
  it('stops before building, naming the setting and the machines to choose from', () => {
    edit('examples/fw/Cargo.toml', 'machine = "lm3s6965evb"', 'machine = "lm3s6965"');
    const result = runNx(['run', 'fw:coverage', '--skip-nx-cache'], { cwd: root });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(
      'examples/fw/Cargo.toml: package.metadata.minicov.machine "lm3s6965" is not a machine minicov knows the memory map of',
    );
    expect(result.output).toMatch(/use one of: [^\n]*lm3s6965evb/);
    expect(nxTasks(result.output).get('fw:coverage-run')).toBeUndefined();
    expect(result.output).not.toMatch(/Compiling|Finished/);
  });
});

describe('nx run host-nostd:coverage with a program killed by a signal', () => {
  it('names the signal, keeps no profile and caches nothing', () => {
    edit(
      'examples/host-nostd/src/main.rs',
      'fn app_main(args: &Args) -> i32 {',
      'fn app_main(args: &Args) -> i32 {\n    unsafe { core::ptr::write_volatile(16 as *mut u8, 0) };',
    );
    const output = failsTwiceWithoutTrace(
      'host-nostd:coverage',
      'host-nostd:coverage-run',
      'dist/minicov/examples/host-nostd/coverage/profiles',
      'host-nostd run 1 was killed by SIGSEGV (an invalid memory access); no profile is kept',
    );
    expect(output).toContain('fix: fix the failure the program reports');
    expect(processesWorkingIn(root)).toEqual([]);
  });
});

describe('the timeout bounds the whole run, whatever the runner starts', () => {
  it('a command runner whose program leaves a child holding its output: the run ends with the program, the child is stopped, the report is written', () => {
    const marker = `minicov-helper-${process.pid}`;
    // The helper is `sleep` under a name of its own, so this test finds exactly it.
    const helper = join(mkdtempSync(join(tmpdir(), 'minicov-helper-')), marker);
    symlinkSync('/bin/sleep', helper);
    edit(
      'examples/host-nostd/Cargo.toml',
      'runner = "host"\nruns = [["{profile}", "2000"]]\ntimeout = 60',
      `runner = "command"\ncommand = ["sh", "-c", "'${helper}' 300 & exec \\"$0\\" \\"$@\\"", "{bin}"]\nruns = [["{profile}", "2000"]]\ntimeout = 20`,
    );
    const started = Date.now();
    const result = runNx(['run', 'host-nostd:coverage', '--skip-nx-cache'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.output).not.toContain('did not finish within');
    expect(run('pgrep', ['-f', '--', marker]).stdout.toString('utf8').trim()).toBe('');
  });

  it('nx killed with SIGKILL while QEMU runs: QEMU and the run step are gone within 5 s', async () => {
    edit(
      'examples/fw/src/main.rs',
      'extern "C" fn fw_main() -> ! {',
      'extern "C" fn fw_main() -> ! {\n    if core::hint::black_box(true) { loop { core::hint::spin_loop(); } }',
    );
    writeFileSync(
      join(root, 'examples/fw/Cargo.toml'),
      original('examples/fw/Cargo.toml').replace('timeout = 5', 'timeout = 600'),
    );
    const nx = startNx(['run', 'fw:coverage', '--output-style=stream', '--skip-nx-cache'], {
      cwd: root,
    });
    const qemu = () =>
      run('pgrep', ['-f', '--', `qemu-system-arm -M lm3s6965evb .*loader,file=${root}/`])
        .stdout.toString('utf8')
        .trim();
    await nx.waitFor(() => qemu() !== '', 'QEMU started');
    process.kill(nx.pid, 'SIGKILL');
    const killed = Date.now();
    while (Date.now() - killed < 5_000 && (qemu() !== '' || processesWorkingIn(root).length > 0))
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(qemu()).toBe('');
    expect(processesWorkingIn(root)).toEqual([]);
  });
});

describe('several captures in one run', () => {
  const capture = '    if unsafe { minicov::capture_coverage(&mut file) }.is_err() {';
  const second = (reset: boolean) =>
    `${reset ? '    minicov::reset_coverage();\n' : ''}    if let Some(mut again) = create_file(c"second.profraw") {\n        let _ = unsafe { minicov::capture_coverage(&mut again) };\n    }\n`;
  /**
   * Runs host-nostd:coverage with a second capture after the first; returns the output and the self-check line's count.
   */
  const coverageWithSecondCapture = (reset: boolean) => {
    const main = 'examples/host-nostd/src/main.rs';
    edit(main, '    if passed {\n        0', `${second(reset)}    if passed {\n        0`);
    const result = runNx(['run', 'host-nostd:coverage'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    const counts = readLcovLineCounts(join(root, 'coverage/examples/host-nostd/lcov.info')).get(
      'examples/host-nostd/src/main.rs',
    );
    const line =
      original(main)
        .split('\n')
        .findIndex((text) => text.includes('let passed = self_check();')) + 1;
    return { output: result.output, selfCheck: counts?.get(line) };
  };

  it('adds the profiles up and says so: without a reset, what ran before the first capture counts twice', () => {
    expect(original('examples/host-nostd/src/main.rs')).toContain(capture);
    const { output, selfCheck } = coverageWithSecondCapture(false);
    expect(output).toMatch(
      /host-nostd run 1 wrote 2 profiles \(host-nostd\.profraw, second\.profraw\): the report adds them up, count by count/,
    );
    expect(selfCheck).toBe(2);
  });

  it('with reset_coverage between the captures, each profile holds its own part and the sum counts every line once', () => {
    expect(coverageWithSecondCapture(true).selfCheck).toBe(1);
  });
});
