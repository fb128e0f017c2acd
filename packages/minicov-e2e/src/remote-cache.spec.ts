// Checkouts in different directories share coverage through Nx's self-hosted remote cache. Whichever steps come from
// the cache (all of them, or only the first ones, made in another checkout), each checkout's report is the one its own
// build would give, and names no path of the checkout that filled the cache.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCacheServer, type CacheServer } from '../../../tools/testing/cache-server';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const CHAIN = ['coverage-build', 'coverage-run', 'coverage-merge', 'coverage'].map(
  (target) => `host-nostd:${target}`,
);
const HOST_REPORT = 'coverage/examples/host-nostd';
const WORKSPACE_REPORT = 'coverage/workspace';

let server: CacheServer;
let first: string;
const copies: string[] = [];
/** The hash each step of the first checkout stored, by task. */
const stored = new Map<string, string>();

beforeAll(async () => {
  server = await startCacheServer();
  first = checkout('checkout-1');
});

afterAll(() => {
  server.close();
  for (const root of copies) removeWorkspaceCopy(root);
});

/**
 * A new checkout of the workspace, in a directory of its own. Every checkout's path has the same length: the
 * programs' counts depend on it (they write their profile under the checkout).
 */
function checkout(name: string): string {
  const root = copyWorkspace(name, { pluginTarball: packedPlugin() });
  copies.push(root);
  return root;
}

/** Runs nx in `root` against the cache server (with a fixed SOURCE_DATE_EPOCH, so cobertura.xml compares too). */
function nx(root: string, args: string[]) {
  const result = runNx([...args, '--output-style=static'], {
    cwd: root,
    env: {
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: server.token,
      SOURCE_DATE_EPOCH: '1700000000',
    },
  });
  expect(result.code, result.output).toBe(0);
  return result;
}

/** The hashes the server holds once it holds at least `count`, or after 5 s. */
async function storedWhen(count: number): Promise<string[]> {
  for (let attempt = 0; ; attempt += 1) {
    const { stored: hashes } = await server.stats();
    if (hashes.length >= count || attempt >= 50) return hashes;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `task` alone in `root` (its dependencies already stored) and records the one entry it stores. */
async function runAndRecord(root: string, task: string): Promise<void> {
  const before = (await server.stats()).stored.length;
  const result = nx(root, ['run', task]);
  const hashes = await storedWhen(before + 1);
  expect(hashes.length, `${task} should store exactly one entry\n${result.output}`).toBe(
    before + 1,
  );
  stored.set(task, hashes[before] as string);
}

/** Every file of the report at `dir` in `root`, by relative path; llvm-cov's page timestamps left out. */
function reportFiles(root: string, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(root, dir), { recursive: true })) {
    const path = join(root, dir, String(entry));
    if (!/\.(html|info|json|xml)$/.test(path)) continue;
    const text = readFileSync(path, 'utf8').replace(/Created: [^<]*/g, 'Created: …');
    files.set(String(entry), text);
  }
  return files;
}

/** The report at `dir` in `root` equals the first checkout's, file for file, and names no other checkout. */
function expectSameReport(root: string, dir: string): void {
  const mine = reportFiles(root, dir);
  expect([...mine.keys()].sort()).toEqual([...reportFiles(first, dir).keys()].sort());
  for (const [file, text] of reportFiles(first, dir)) expect(mine.get(file), file).toBe(text);
  for (const [file, text] of mine) {
    expect(text, file).not.toContain(first);
    expect(text, file).not.toContain('/minicov-workspace');
  }
}

/** Runs `task` in `root` and checks which of `tasks` came from the cache and which ran. */
function expectTasks(root: string, task: string, fromCache: string[], ran: string[]): void {
  const result = nx(root, ['run', task]);
  const tasks = nxTasks(result.output);
  for (const each of fromCache) expect(tasks.get(each), `${each}\n${result.output}`).toBe('cache');
  for (const each of ran) expect(tasks.get(each), `${each}\n${result.output}`).toBe('ran');
}

describe('a crate chain shared through a remote cache', () => {
  it('the first checkout runs each step and stores it', async () => {
    for (const task of CHAIN) await runAndRecord(first, task);
    expect(readFileSync(join(first, HOST_REPORT, 'lcov.info'), 'utf8')).toContain(
      'SF:examples/host-nostd/src/main.rs',
    );
  });

  it('a second checkout replays every step from the remote cache, with the same report', async () => {
    const second = checkout('checkout-2');
    const hitsBefore = (await server.stats()).hits;
    expectTasks(second, 'host-nostd:coverage', CHAIN, []);
    expect((await server.stats()).hits - hitsBefore).toBeGreaterThanOrEqual(CHAIN.length);
    expectSameReport(second, HOST_REPORT);
  });

  it('restoring the build and run steps, another checkout merges and reports them as its own', async () => {
    await server.forget(CHAIN.slice(2).map((task) => stored.get(task) as string));
    const third = checkout('checkout-3');
    expectTasks(third, 'host-nostd:coverage', CHAIN.slice(0, 2), CHAIN.slice(2));
    expectSameReport(third, HOST_REPORT);
  });

  it('restoring only the build, another checkout runs the binary built elsewhere and reports it as its own', async () => {
    await server.forget(CHAIN.slice(1).map((task) => stored.get(task) as string));
    const fourth = checkout('checkout-4');
    expectTasks(fourth, 'host-nostd:coverage', CHAIN.slice(0, 1), CHAIN.slice(1));
    expectSameReport(fourth, HOST_REPORT);
  });
});

describe('the workspace report shared through a remote cache', () => {
  it("a checkout that restores every crate's steps and makes the workspace report gets the first checkout's report", async () => {
    nx(first, ['run-many', '-t', 'coverage']);
    await runAndRecord(first, 'workspace:coverage-report');
    expect(existsSync(join(first, WORKSPACE_REPORT, 'lcov.info'))).toBe(true);
    await server.forget([stored.get('workspace:coverage-report') as string]);
    const fifth = checkout('checkout-5');
    expectTasks(
      fifth,
      'workspace:coverage-report',
      ['fw:coverage-build', 'fw:coverage', ...CHAIN],
      ['workspace:coverage-report'],
    );
    expectSameReport(fifth, WORKSPACE_REPORT);
  });
});
