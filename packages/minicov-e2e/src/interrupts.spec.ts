// Ctrl-C during a run (QEMU) or a merge (llvm-profdata): no half-written output in place, no process left,
// and the next nx run redoes the step.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun, run } from '../../../tools/testing/exec';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { processGroupMembers, startNx, type NxProcess } from '../../../tools/testing/nx-process';
import { processesWorkingIn } from '../../../tools/testing/processes';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const FW = 'dist/minicov/examples/fw/coverage';
const HOST = 'dist/minicov/examples/host-nostd/coverage';
let root: string;
let tools: string;
let env: Record<string, string>;

/** `nx run <target>` to completion, with the wrappers in place. */
const finish = (target: string, ...args: string[]) =>
  runNx(['run', target, '--output-style=static', ...args], { cwd: root, env });

/** Starts `nx run <target>` in the background, streaming each task's output as it comes. */
const begin = (target: string, ...args: string[]) =>
  startNx(['run', target, '--output-style=stream', ...args], { cwd: root, env });

/** While this file exists, QEMU starts with its CPU stopped and the merge pauses: each step waits for Ctrl-C. */
const hold = (on: boolean) =>
  on ? writeFileSync(join(tools, 'hold'), '') : rmSync(join(tools, 'hold'), { force: true });

/** Every file under `path` (or `path` itself) with a hash of its bytes: what a step's output holds. */
function contents(path: string): Record<string, string> {
  const at = join(root, path);
  const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  if (!statSync(at).isDirectory()) return { '.': hash(at) };
  const files = readdirSync(at, { recursive: true })
    .map(String)
    .filter((entry) => statSync(join(at, entry)).isFile());
  return Object.fromEntries(files.sort().map((file) => [file, hash(join(at, file))]));
}

/** The hidden siblings (`.<name>.partial-*`, `.<name>.previous-*`) beside a step's output. */
function siblings(path: string): string[] {
  const directory = join(root, dirname(path));
  const prefix = `.${basename(path)}.`;
  return existsSync(directory)
    ? readdirSync(directory)
        .filter((name) => name.startsWith(prefix))
        .map((name) => join(directory, name))
    : [];
}

/**
 * Waits for nx to exit after the interrupt;
 * then no process of its group, and none working in the workspace, may be left.
 */
async function exitedLeavingNothing(
  nx: NxProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const status = await nx.exited;
  let left: string[] = [];
  for (let waited = 0; waited <= 5000; waited += 100) {
    left = [
      ...processGroupMembers(nx.pid),
      ...processesWorkingIn(root).map((p) => `${p.pid} ${p.comm} (in ${p.cwd})`),
    ];
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(left, 'processes left after the interrupt').toEqual([]);
  return status;
}

/** The next run's note for each sibling the interrupted step left: it removed it. */
function expectRemovalNoted(output: string, leftovers: readonly string[]): void {
  for (const path of leftovers)
    expect(output).toContain(
      `minicov: removed ${path}, left by an interrupted step whose process is gone`,
    );
}

function lcovLineTotal(project: string): number {
  const lcov = readFileSync(join(root, 'coverage/examples', project, 'lcov.info'), 'utf8');
  return [...lcov.matchAll(/^LF:(\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

beforeAll(() => {
  root = copyWorkspace('interrupts', { sharedCargoTarget: true, pluginTarball: packedPlugin() });
  tools = mkdtempSync(join(tmpdir(), 'minicov-interrupt-tools-'));
  const qemu = mustRun('sh', ['-c', 'command -v qemu-system-arm']).stdout.toString('utf8').trim();
  const profdata = mustRun('sh', ['-c', 'command -v llvm-profdata-22'])
    .stdout.toString('utf8')
    .trim();
  // QEMU with -S never starts the CPU: the run lasts until it is stopped.
  // `--version` (the toolchain check) passes through.
  writeFileSync(
    join(tools, 'qemu-system-arm'),
    `#!/bin/sh\nif [ "$1" != --version ] && [ -e '${tools}/hold' ]; then\n  : > '${tools}/qemu-started'\n  exec '${qemu}' -S "$@"\nfi\nexec '${qemu}' "$@"\n`,
  );
  // A merge that has written part of its output (-o) when Ctrl-C comes, as a real llvm-profdata might have. It
  // outlives the Ctrl-C until the step's process, going down, stops it, so the step never sees its merge end.
  writeFileSync(
    join(tools, 'llvm-profdata'),
    `#!/bin/sh\nif [ "$1" = merge ] && [ "$2" != --version ] && [ -e '${tools}/hold' ]; then\n  out=; previous=\n  for arg in "$@"; do\n    [ "$previous" = -o ] && out=$arg\n    previous=$arg\n  done\n  printf 'half of an indexed profile' > "$out"\n  : > '${tools}/merge-started'\n  trap '' INT\n  exec sleep 300\nfi\nexec '${profdata}' "$@"\n`,
  );
  chmodSync(join(tools, 'qemu-system-arm'), 0o755);
  chmodSync(join(tools, 'llvm-profdata'), 0o755);
  // The same variables for every nx run of this file, so the interrupted and the next run have the same task hashes.
  env = {
    QEMU_SYSTEM: join(tools, 'qemu-system-arm'),
    LLVM_PROFDATA: join(tools, 'llvm-profdata'),
  };
});

afterAll(() => {
  removeWorkspaceCopy(root);
  rmSync(tools, { recursive: true, force: true });
});

describe('Ctrl-C while QEMU runs the firmware (coverage-run)', () => {
  let leftovers: string[] = [];

  it('stops QEMU and nx, and leaves no profiles, merged profile or report in place', async () => {
    hold(true);
    const nx = begin('fw:coverage');
    // QEMU may start before nx has relayed the step's line announcing the run: wait for both.
    await nx.waitFor(
      () => existsSync(join(tools, 'qemu-started')) && nx.output().includes('minicov: fw run 1/1:'),
      'QEMU started',
    );
    nx.signalGroup('SIGINT');
    const status = await exitedLeavingNothing(nx);
    expect(status.code ?? status.signal).not.toBe(0);
    expect(existsSync(join(root, FW, 'profiles'))).toBe(false);
    expect(existsSync(join(root, FW, 'merged.profdata'))).toBe(false);
    expect(existsSync(join(root, 'coverage/examples/fw'))).toBe(false);
    // If nx stopped the step before it could clean up, its staging directory is all that is left, beside the output.
    leftovers = siblings(`${FW}/profiles`);
    for (const path of leftovers)
      expect(basename(path)).toMatch(/^\.profiles\.partial-\d+-[0-9a-f]+$/);
  });

  it('is run again by the next nx run, not taken from the cache, which removes the leftovers and writes a complete report', () => {
    hold(false);
    const result = finish('fw:coverage');
    expect(result.code, result.output).toBe(0);
    const tasks = nxTasks(result.output);
    expect(tasks.get('fw:coverage-build')).toBe('cache');
    expect(tasks.get('fw:coverage-run')).toBe('ran');
    expectRemovalNoted(result.output, leftovers);
    expect(siblings(`${FW}/profiles`)).toEqual([]);
    expect(
      readdirSync(join(root, FW, 'profiles', 'run-0')).filter((name) => name.endsWith('.profraw')),
    ).toEqual(['fw.profraw']);
    expect(lcovLineTotal('fw')).toBeGreaterThan(100);
  });

  it('keeps the previous complete profiles, merged profile and report when the step is interrupted again', async () => {
    const before = {
      profiles: contents(`${FW}/profiles`),
      merged: contents(`${FW}/merged.profdata`),
      report: contents('coverage/examples/fw/lcov.info'),
    };
    rmSync(join(tools, 'qemu-started'));
    hold(true);
    const nx = begin('fw:coverage', '--skip-nx-cache');
    await nx.waitFor(() => existsSync(join(tools, 'qemu-started')), 'QEMU started again');
    nx.signalGroup('SIGINT');
    await exitedLeavingNothing(nx);
    expect(contents(`${FW}/profiles`)).toEqual(before.profiles);
    expect(contents(`${FW}/merged.profdata`)).toEqual(before.merged);
    expect(contents('coverage/examples/fw/lcov.info')).toEqual(before.report);
    leftovers = siblings(`${FW}/profiles`);
    // Nothing changed since the complete run: the next run replays every step from the cache, and the staging
    // directory, outside every declared output, is neither cached nor restored; the step's next real run removes it.
    hold(false);
    const next = finish('fw:coverage');
    expect(next.code, next.output).toBe(0);
    expect([...nxTasks(next.output).values()]).toEqual(['cache', 'cache', 'cache', 'cache']);
    expect(contents(`${FW}/profiles`)).toEqual(before.profiles);
    expect(siblings(`${FW}/profiles`)).toEqual(leftovers);
  });

  it('fails the run, naming the signal, when QEMU alone is stopped from outside (QEMU then exits 0)', async () => {
    rmSync(join(tools, 'qemu-started'));
    hold(true);
    const nx = begin('fw:coverage', '--skip-nx-cache');
    await nx.waitFor(() => existsSync(join(tools, 'qemu-started')), 'QEMU started');
    let qemuPid: number | undefined;
    await nx.waitFor(() => {
      // QEMU loads the board images the run step wrote beside the profiles it stages.
      const line = run('pgrep', [
        '-f',
        '--',
        `-S -M lm3s6965evb .*loader,file=${root}/${FW}/[.]profiles[.]partial-[^/]*/board-images/flash[.]bin`,
      ])
        .stdout.toString('utf8')
        .trim();
      qemuPid = line ? Number(line.split('\n')[0]) : undefined;
      return qemuPid !== undefined;
    }, 'QEMU was found');
    process.kill(qemuPid as number, 'SIGTERM');
    const status = await exitedLeavingNothing(nx);
    hold(false);
    expect(status.code).not.toBe(0);
    const output = nx.output();
    expectRemovalNoted(output, leftovers);
    expect(output).toContain(
      `fw run 1: QEMU was stopped by SIGTERM (signal 15) from process ${process.pid}`,
    );
    expect(output).toContain(
      'before the firmware exited, and exited with status 0 all the same; no profile is kept',
    );
    expect(output).toContain(
      'fix: run the target again and let the run finish (a stopped run is never cached)',
    );
    expect(existsSync(join(root, FW, 'profiles'))).toBe(false);
    expect(siblings(`${FW}/profiles`)).toEqual([]);
  });
});

describe('Ctrl-C while llvm-profdata merges (coverage-merge)', () => {
  let leftovers: string[] = [];

  it('stops the merge and nx, and leaves no merged profile in place, only the half-written one beside it', async () => {
    hold(true);
    const nx = begin('host-nostd:coverage');
    await nx.waitFor(() => existsSync(join(tools, 'merge-started')), 'the merge started');
    nx.signalGroup('SIGINT');
    const status = await exitedLeavingNothing(nx);
    expect(status.code ?? status.signal).not.toBe(0);
    expect(existsSync(join(root, HOST, 'merged.profdata'))).toBe(false);
    expect(existsSync(join(root, 'coverage/examples/host-nostd'))).toBe(false);
    leftovers = siblings(`${HOST}/merged.profdata`);
    expect(leftovers.map((path) => readFileSync(path, 'utf8'))).toEqual([
      'half of an indexed profile',
    ]);
  });

  it('is merged again by the next nx run, which removes the half-written file and reports', () => {
    hold(false);
    const result = finish('host-nostd:coverage');
    expect(result.code, result.output).toBe(0);
    const tasks = nxTasks(result.output);
    expect(tasks.get('host-nostd:coverage-run')).toBe('cache');
    expect(tasks.get('host-nostd:coverage-merge')).toBe('ran');
    expectRemovalNoted(result.output, leftovers);
    expect(siblings(`${HOST}/merged.profdata`)).toEqual([]);
    mustRun('llvm-profdata-22', ['show', join(root, HOST, 'merged.profdata')]);
    expect(lcovLineTotal('host-nostd')).toBeGreaterThan(100);
  });

  it('keeps the previous complete merged profile when the merge is interrupted again', async () => {
    const before = contents(`${HOST}/merged.profdata`);
    rmSync(join(tools, 'merge-started'));
    hold(true);
    const nx = begin('host-nostd:coverage', '--skip-nx-cache');
    await nx.waitFor(() => existsSync(join(tools, 'merge-started')), 'the merge started again');
    nx.signalGroup('SIGINT');
    await exitedLeavingNothing(nx);
    hold(false);
    expect(contents(`${HOST}/merged.profdata`)).toEqual(before);
    const next = finish('host-nostd:coverage');
    expect(next.code, next.output).toBe(0);
    expect(nxTasks(next.output).get('host-nostd:coverage-merge')).toBe('cache');
    expect(contents(`${HOST}/merged.profdata`)).toEqual(before);
  });
});
