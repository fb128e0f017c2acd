// Checkouts in different directories share coverage through Nx's self-hosted remote cache: one replays
// every step another stored, or only the first steps (the build, or the build and the run) and runs the
// rest itself on binaries that hold the other checkout's paths. Every report equals the one built
// locally and names no path of another checkout.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCacheServer, type CacheServer } from '../../../tools/testing/cache-server';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

let server: CacheServer;
let first: string;
let second: string;

beforeAll(async () => {
  server = await startCacheServer();
  first = copyWorkspace('checkout-one', { pluginTarball: packedPlugin() });
  second = copyWorkspace('checkout-two', { pluginTarball: packedPlugin() });
});

afterAll(() => {
  server.close();
  removeWorkspaceCopy(first);
  removeWorkspaceCopy(second);
});

/** The server's counters once `ready` holds for them, or after 5 s. */
async function statsWhen(ready: (stats: { hits: number; puts: number }) => boolean) {
  for (let attempt = 0; ; attempt += 1) {
    const stats = await server.stats();
    if (ready(stats) || attempt >= 50) return stats;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function coverage(root: string, target = 'coverage', cache: CacheServer = server) {
  return runNx(['run', `host-nostd:${target}`, '--output-style=static'], {
    cwd: root,
    env: {
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: cache.token,
    },
  });
}

/** The host-nostd lcov report of the checkout at `root`. */
const lcovOf = (root: string) =>
  readFileSync(join(root, 'coverage/examples/host-nostd/lcov.info'), 'utf8');

/** Every file under `dir` with its text. */
function texts(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((path) => /\.(html|info|json)$/.test(path))
    .map((path) => readFileSync(path, 'utf8'));
}

describe('coverage through a shared remote cache', () => {
  it('the first checkout runs every step and stores it; the second replays every step from the remote cache', async () => {
    const one = coverage(first);
    expect(one.code, one.output).toBe(0);
    expect((await statsWhen((stats) => stats.puts >= 4)).puts, one.output).toBeGreaterThanOrEqual(
      4,
    );
    const two = coverage(second);
    expect(two.code, two.output).toBe(0);
    const tasks = nxTasks(two.output);
    for (const task of [
      'host-nostd:coverage-build',
      'host-nostd:coverage-run',
      'host-nostd:coverage-merge',
      'host-nostd:coverage',
    ]) {
      expect(tasks.get(task), `${task}\n${two.output}`).toBe('cache');
    }
    expect((await server.stats()).hits).toBeGreaterThanOrEqual(4);
  });

  it("the second checkout's report is the first's and names no path of the first checkout", () => {
    const report = (root: string) =>
      readFileSync(join(root, 'coverage/examples/host-nostd/lcov.info'), 'utf8');
    expect(report(second)).toBe(report(first));
    expect(report(second)).toContain('SF:examples/host-nostd/src/main.rs');
    for (const text of texts(join(second, 'coverage/examples/host-nostd')))
      expect(text).not.toContain(first);
  });
});

describe.each([
  { restored: 'coverage-build', ranHere: ['coverage-run', 'coverage-merge', 'coverage'] },
  { restored: 'coverage-run', ranHere: ['coverage-merge', 'coverage'] },
])('a partial hit: another checkout stored steps up to $restored', ({ restored, ranHere }) => {
  let cache: CacheServer;
  let producer: string;
  let consumer: string;

  beforeAll(async () => {
    cache = await startCacheServer();
    producer = copyWorkspace('producer', { pluginTarball: packedPlugin() });
    consumer = copyWorkspace('consumer', { pluginTarball: packedPlugin() });
  });

  afterAll(() => {
    cache.close();
    removeWorkspaceCopy(producer);
    removeWorkspaceCopy(consumer);
  });

  it(`restores the steps up to ${restored} and runs the rest on the other checkout's binaries`, () => {
    const stored = coverage(producer, restored, cache);
    expect(stored.code, stored.output).toBe(0);
    const result = coverage(consumer, 'coverage', cache);
    expect(result.code, result.output).toBe(0);
    const tasks = nxTasks(result.output);
    expect(tasks.get(`host-nostd:${restored}`), result.output).toBe('cache');
    for (const step of ranHere) expect(tasks.get(`host-nostd:${step}`), step).toBe('ran');
    // The restored binaries hold the producer's paths.
    const binary = readFileSync(
      join(consumer, 'dist/minicov/examples/host-nostd/coverage/build/host-nostd'),
    );
    expect(binary.includes(producer)).toBe(true);
  });

  it('reports what a checkout that built everything itself reports, naming no path of the other checkout', () => {
    expect(lcovOf(consumer)).toBe(lcovOf(first));
    for (const text of texts(join(consumer, 'coverage/examples/host-nostd'))) {
      expect(text).not.toContain(producer);
      expect(text).not.toContain(first);
    }
  });
});
