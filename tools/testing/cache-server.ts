// Starts tools/testing/cache-server-process.mjs (an Nx self-hosted remote cache) as a child process for a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './cargo';

/** The server's counters, and the hashes it holds in the order they were stored. */
export interface CacheStats {
  hits: number;
  misses: number;
  puts: number;
  stored: string[];
}

/** A running cache server: its URL and token, its counters, a way to drop entries, and a way to stop it. */
export interface CacheServer {
  url: string;
  token: string;
  stats(): Promise<CacheStats>;
  /** Removes the entries of `hashes`, as if no checkout had ever stored them. */
  forget(hashes: readonly string[]): Promise<void>;
  close(): void;
}

/** Starts the server on a free loopback port and waits for its URL. */
export async function startCacheServer(): Promise<CacheServer> {
  const token = 'minicov-test-token';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'tools', 'testing', 'cache-server-process.mjs'), token],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').trim()));
    child.once('exit', (code) => reject(new Error(`the cache server exited with ${code}`)));
  });
  return {
    url,
    token,
    stats: async () => (await fetch(`${url}/stats`)).json() as Promise<CacheStats>,
    forget: async (hashes) => {
      for (const hash of hashes) {
        const response = await fetch(`${url}/v1/cache/${hash}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.status !== 204) throw new Error(`the cache server holds no entry ${hash}`);
      }
    },
    close: () => void child.kill(),
  };
}
