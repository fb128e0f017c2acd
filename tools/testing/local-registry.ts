// A real npm registry on loopback for a test: verdaccio, serving the packages published to it and every other package
// through the public registry, started as a child process and stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cargo';
import { mustRun } from './exec';

/** A running registry: its URL, publishing to it, and stopping it (its storage is removed). */
export interface LocalRegistry {
  url: string;
  /** Publishes the package tarball `tarball` as a user of the registry would, with `npm publish`. */
  publish(tarball: string): void;
  stop(): Promise<void>;
}

/** Packages only the local registry serves (what tests publish); every other package comes through the uplink. */
const LOCAL_PACKAGES = ['minicov'];

/** A port nothing listens on at the moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function configText(dir: string, port: number): string {
  const local = LOCAL_PACKAGES.map(
    (name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n`,
  ).join('');
  return [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    'uplinks:',
    '  npmjs:',
    '    url: https://registry.npmjs.org/',
    '    timeout: 60s',
    'packages:',
    `${local}  '**':`,
    '    access: $all',
    '    publish: $authenticated',
    '    proxy: npmjs',
    `listen: 127.0.0.1:${port}`,
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

/** Answers once `url` serves its ping, or throws after `timeoutMs`. */
async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`verdaccio did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A user of the registry, created through its login endpoint (as `npm adduser` does); returns their token. */
async function addUser(url: string): Promise<string> {
  const name = 'minicov-e2e';
  const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'minicov-e2e-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token)
    throw new Error(`verdaccio refused a user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Starts verdaccio on a free loopback port with a new storage directory. */
export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'minicov-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'config.yaml'), configText(dir, port));
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
      '--config',
      join(dir, 'config.yaml'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  try {
    await waitForPing(url, child, 60_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  const token = await addUser(url);
  const userconfig = join(dir, 'publisher.npmrc');
  writeFileSync(userconfig, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  return {
    url,
    publish: (tarball) =>
      void mustRun(
        'npm',
        ['publish', tarball, '--userconfig', userconfig, '--registry', `${url}/`],
        {
          cwd: dir,
          timeoutMs: 120_000,
        },
      ),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
