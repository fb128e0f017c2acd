// Two checkouts in different directories share coverage through Nx's self-hosted remote cache; the
// second replays it and its report names its own files (no path of the first checkout inside).
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

function coverage(root: string) {
  return runNx(['run', 'host-nostd:coverage', '--output-style=static'], {
    cwd: root,
    env: {
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: server.token,
    },
  });
}

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
