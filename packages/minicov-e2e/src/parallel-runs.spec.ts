// Parallel work: `nx run-many -t coverage --parallel=3` equals the serial run report by report;
// no two runs write one profile file, even two invocations of one project at once.
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import runExecutor from '../../minicov/src/executors/run/executor';
import type { RunOptions } from '../../minicov/src/model/step-options';
import { mustRun } from '../../../tools/testing/exec';
import { readLcovLineCounts } from '../../../tools/testing/lcov';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { startNx } from '../../../tools/testing/nx-process';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

/** Every example project and its root. */
const PROJECTS: Record<string, string> = {
  fw: 'examples/fw',
  'host-nostd': 'examples/host-nostd',
  ringbuf: 'examples/libs/ringbuf',
  checksum: 'examples/libs/checksum',
  codec: 'examples/libs/codec',
  fixedpoint: 'examples/libs/fixedpoint',
  driver: 'examples/libs/driver',
};
const HOST_PROFILES = 'dist/minicov/examples/host-nostd/coverage/profiles';
// Cobertura's timestamp is the only thing that may differ between two runs of the same build: fix it.
const env = { SOURCE_DATE_EPOCH: '1700000000' };

let root: string;
/**
 * How many times an instrumented program ran in this file (configured runs and host unit-test runs), for the record.
 */
let programRuns = 0;

/** Counts the runs nx's output reports (`minicov: N profiles from M runs[ and the host unit tests]`). */
function countRuns(output: string): number {
  let runs = 0;
  for (const match of output.matchAll(
    /^(?:\S+: )?minicov: \d+ profiles? from (\d+) runs?( and the host unit tests)?/gm,
  )) {
    runs += Number(match[1]) + (match[2] ? 1 : 0);
  }
  programRuns += runs;
  return runs;
}

/** Every report file of every project, keyed `project/file`; the HTML without the time it was created. */
function reports(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [project, projectRoot] of Object.entries(PROJECTS)) {
    const dir = join(root, 'coverage', projectRoot);
    for (const file of readdirSync(dir, { recursive: true }).map(String).sort()) {
      if (!/\.(info|json|xml|html)$/.test(file)) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      files.set(
        `${project}/${file}`,
        file.endsWith('.html') ? text.replace(/<h4>Created: [^<]*<\/h4>/, '') : text,
      );
    }
  }
  return files;
}

function expectSameReports(actual: Map<string, string>, expected: Map<string, string>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, text] of expected) expect(actual.get(file), file).toBe(text);
}

beforeAll(() => {
  root = copyWorkspace('parallel', { sharedCargoTarget: true, pluginTarball: packedPlugin() });
});

afterAll(() => {
  removeWorkspaceCopy(root);
  console.log(`parallel-runs: instrumented programs ran ${programRuns} times`);
});

describe('nx run-many -t coverage over every example', () => {
  it('gives every project the same report with --parallel=3 as with --parallel=1, file by file', () => {
    const parallel = runNx(
      ['run-many', '-t', 'coverage', '--parallel=3', '--output-style=static'],
      { cwd: root, env },
    );
    expect(parallel.code, parallel.output).toBe(0);
    const parallelReports = reports();
    expect(parallelReports.size).toBeGreaterThan(7 * 4);
    // Every task again, none from the cache, one at a time.
    const serial = runNx(
      ['run-many', '-t', 'coverage', '--parallel=1', '--skip-nx-cache', '--output-style=static'],
      { cwd: root, env },
    );
    expect(serial.code, serial.output).toBe(0);
    const tasks = nxTasks(serial.output);
    for (const project of Object.keys(PROJECTS)) {
      for (const step of ['coverage-build', 'coverage-run', 'coverage-merge', 'coverage'])
        expect(tasks.get(`${project}:${step}`), `${project}:${step}`).toBe('ran');
    }
    expectSameReports(parallelReports, reports());
    // Seven projects, each one run; fw also runs its host unit tests.
    expect(countRuns(parallel.output)).toBe(8);
    expect(countRuns(serial.output)).toBe(8);
  });
});

describe('runs of one project', () => {
  const manifest = () => join(root, 'examples/host-nostd/Cargo.toml');
  let original: string;
  beforeAll(() => (original = readFileSync(manifest(), 'utf8')));
  afterAll(() => writeFileSync(manifest(), original));

  it('each write their own profile file, and the report counts all of them', () => {
    expect(original).toContain('runs = [["{profile}", "2000"]]');
    writeFileSync(
      manifest(),
      original.replace(
        'runs = [["{profile}", "2000"]]',
        'runs = [["{profile}", "0"], ["{profile}", "7"], ["{profile}", "20"]]',
      ),
    );
    const result = runNx(['run', 'host-nostd:coverage', '--output-style=static'], {
      cwd: root,
      env,
    });
    expect(result.code, result.output).toBe(0);
    expect(countRuns(result.output)).toBe(3);
    const profiles = ['run-0', 'run-1', 'run-2'].map((run) => {
      expect(readdirSync(join(root, HOST_PROFILES, run)), run).toEqual(['host-nostd.profraw']);
      return readFileSync(join(root, HOST_PROFILES, run, 'host-nostd.profraw')).toString('hex');
    });
    // Different rounds, different counters: no run's file is another's.
    expect(new Set(profiles).size).toBe(3);
    const main = readFileSync(join(root, 'examples/host-nostd/src/main.rs'), 'utf8').split('\n');
    const line = (text: string) => main.findIndex((source) => source.includes(text)) + 1;
    const counts = readLcovLineCounts(join(root, 'coverage/examples/host-nostd/lcov.info')).get(
      'examples/host-nostd/src/main.rs',
    );
    // The workload loop ran 0 + 7 + 20 times over the three runs, the self-check once per run.
    expect(counts?.get(line('protocol::execute(core::hint::black_box(SCRIPT))'))).toBe(27);
    expect(counts?.get(line('let passed = self_check();'))).toBe(3);
  });
});

describe('two invocations of one project at once, in one workspace', () => {
  let tools: string;
  beforeAll(() => {
    tools = mkdtempSync(join(tmpdir(), 'minicov-parallel-tools-'));
    const profdata = mustRun('sh', ['-c', 'command -v llvm-profdata-22'])
      .stdout.toString('utf8')
      .trim();
    // The first merge reads its profiles only while the other invocation's run step is running (at most 60 s).
    const otherRun = `${root}/dist/minicov/examples/host-nostd/coverage/[.]profiles[.]partial-.*/run-0/host-nostd[.]profraw`;
    writeFileSync(
      join(tools, 'llvm-profdata'),
      `#!/bin/sh\nif [ "$1" = merge ] && [ "$2" != --version ] && mkdir '${tools}/first-merge' 2>/dev/null; then\n` +
        `  : > '${tools}/first-merge-waits'\n  n=0\n` +
        `  while ! pgrep -f '${otherRun}' > /dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done\n` +
        `  [ $n -lt 600 ] && : > '${tools}/first-merge-saw-the-other-run'\nfi\nexec '${profdata}' "$@"\n`,
    );
    chmodSync(join(tools, 'llvm-profdata'), 0o755);
  });
  afterAll(() => rmSync(tools, { recursive: true, force: true }));

  it('two nx processes both succeed, though one runs the program while the other merges, and the report equals a serial run', async () => {
    const manifest = join(root, 'examples/host-nostd/Cargo.toml');
    const original = readFileSync(manifest, 'utf8');
    // A run long enough (about a second) to be under way while the other invocation's merge reads the profiles.
    writeFileSync(
      manifest,
      original.replace('runs = [["{profile}", "2000"]]', 'runs = [["{profile}", "1000000"]]'),
    );
    try {
      const withWrapper = { ...env, LLVM_PROFDATA: join(tools, 'llvm-profdata') };
      const args = ['run', 'host-nostd:coverage', '--skip-nx-cache', '--output-style=static'];
      const first = startNx(args, { cwd: root, env: withWrapper });
      await first.waitFor(() => existsSync(join(tools, 'first-merge-waits')), 'its merge started');
      const second = startNx(args, { cwd: root, env: withWrapper });
      const [one, two] = await Promise.all([first.exited, second.exited]);
      expect(
        existsSync(join(tools, 'first-merge-saw-the-other-run')),
        'the merge overlapped the other run',
      ).toBe(true);
      expect(one.code, first.output()).toBe(0);
      expect(two.code, second.output()).toBe(0);
      expect(countRuns(first.output()) + countRuns(second.output())).toBe(2);
      expect(
        readdirSync(join(root, HOST_PROFILES, '..')).filter((name) => name.startsWith('.')),
      ).toEqual([]);
      const concurrent = reports();
      const main = readFileSync(join(root, 'examples/host-nostd/src/main.rs'), 'utf8').split('\n');
      const loop =
        main.findIndex((source) =>
          source.includes('protocol::execute(core::hint::black_box(SCRIPT))'),
        ) + 1;
      // One run's profile, merged once: not the two invocations' profiles added together, nor a part of one.
      expect(
        readLcovLineCounts(join(root, 'coverage/examples/host-nostd/lcov.info'))
          .get('examples/host-nostd/src/main.rs')
          ?.get(loop),
      ).toBe(1_000_000);
      const serial = runNx(args, { cwd: root, env: withWrapper });
      expect(serial.code, serial.output).toBe(0);
      countRuns(serial.output);
      const again = reports();
      for (const [file, text] of again)
        if (file.startsWith('host-nostd/')) expect(concurrent.get(file), file).toBe(text);
    } finally {
      writeFileSync(manifest, original);
    }
  });

  it('the run executor called twice at once in one process: each run gets its own directory, both succeed', async () => {
    const shown = runNx(['show', 'project', 'host-nostd', '--json'], { cwd: root });
    expect(shown.code, shown.output).toBe(0);
    const project = JSON.parse(shown.stdout.toString('utf8')) as {
      root: string;
      targets: Record<string, { options: RunOptions }>;
    };
    const options = project.targets['coverage-run']?.options as RunOptions;
    const context = {
      root,
      cwd: root,
      isVerbose: false,
      projectName: 'host-nostd',
      projectsConfigurations: { version: 2, projects: { 'host-nostd': { root: project.root } } },
    } as unknown as ExecutorContext;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    let results: { success: boolean }[];
    let said: string[];
    try {
      results = await Promise.all([runExecutor(options, context), runExecutor(options, context)]);
    } finally {
      said = log.mock.calls.map((call) => String(call[0]));
      log.mockRestore();
    }
    expect(results, said.join('\n')).toEqual([{ success: true }, { success: true }]);
    programRuns += 2;
    // Each call wrote its run's profile in a staging directory of its own.
    const written = said.flatMap((line) =>
      [...line.matchAll(/ (\S+)\/run-0\/host-nostd\.profraw /g)].map((match) => match[1]),
    );
    expect(written).toHaveLength(2);
    expect(new Set(written).size).toBe(2);
    expect(readdirSync(join(root, HOST_PROFILES))).toEqual(['run-0']);
    expect(readdirSync(join(root, HOST_PROFILES, 'run-0'))).toEqual(['host-nostd.profraw']);
    expect(
      readdirSync(join(root, HOST_PROFILES, '..')).filter((name) => name.startsWith('.')),
    ).toEqual([]);
    for (const staging of written) expect(existsSync(staging as string)).toBe(false);
    const merged = runNx(
      [
        'run',
        'host-nostd:coverage-merge',
        '--skip-nx-cache',
        '--exclude-task-dependencies',
        '--output-style=static',
      ],
      { cwd: root },
    );
    expect(merged.code, merged.output).toBe(0);
  });
});
