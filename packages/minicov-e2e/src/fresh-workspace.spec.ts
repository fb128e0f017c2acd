// A new user's path, outside this repository: an empty Nx workspace, `nx add minicov` from a real registry on loopback
// (verdaccio, where the packed minicov is published), setup and a crate, then coverage and PGO on firmware in QEMU and
// coverage of a host library. No crates.io.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshWorkspace } from '../../../tools/testing/fresh-workspace';
import { run } from '../../../tools/testing/exec';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { expectAllMatchedButCapture } from '../../../tools/testing/pgo-figures';
import { repoRoot } from '../../../tools/testing/cargo';
import { git } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';
import { startLocalRegistry, type LocalRegistry } from '../../../tools/testing/local-registry';

let root: string;
let tarball: string;
let registry: LocalRegistry;

/** The fresh workspace's own nx, as its users run it. */
const ownNx = () => join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

/**
 * Runs nx in the fresh workspace with its own nx, which must succeed: with the daemon and plugin isolation on, as a
 * user's workspace runs it.
 */
function nx(args: string[]): string {
  const result = runNx(args, {
    cwd: root,
    nxBin: ownNx(),
    env: { NX_DAEMON: 'true' },
  });
  expect(result.code, `nx ${args.join(' ')}\n${result.output}`).toBe(0);
  return result.output;
}

beforeAll(async () => {
  tarball = packedPlugin();
  registry = await startLocalRegistry();
  registry.publish(tarball);
  root = createFreshWorkspace('firmware-team');
});

afterAll(async () => {
  await registry?.stop();
  runNx(['daemon', '--stop'], {
    cwd: root,
    nxBin: ownNx(),
  });
  if (!process.env.MINICOV_KEEP_E2E) rmSync(dirname(root), { recursive: true, force: true });
});

describe('the packed plugin', () => {
  it('holds compiled JavaScript, schemas, templates, the rustc wrappers and the runtime sources, and no tests', () => {
    const listing = run('tar', ['-tvzf', tarball]).stdout.toString('utf8');
    const files = listing
      .split('\n')
      .map((line) => line.split(/\s+/).pop() ?? '')
      .filter((file) => file.startsWith('package/'));
    for (const wanted of [
      'package/index.js',
      'package/executors.json',
      'package/generators.json',
      'package/src/executors/run/executor.js',
      'package/src/executors/run/schema.json',
      'package/src/generators/crate/generator.js',
      'package/src/generators/crate/files/firmware/link.ld__tmpl__',
      'package/runtime/c/src/writer.c',
      'package/runtime/minicov/Cargo.toml',
      'package/runtime/minicov/link/minicov-profile-sections.x',
      'package/bin/minicov-rustc-wrapper.sh',
      'package/bin/minicov-sysroot-wrapper.sh',
      'package/migrations.json',
    ]) {
      expect(files, wanted).toContain(wanted);
    }
    expect(
      files.filter((file) => /\.spec\.|fixtures\/|\/tests?\/|(?<!\.d)\.ts$/.test(file)),
    ).toEqual([]);
    expect(listing).toMatch(/^-rwxr-xr-x .* package\/bin\/minicov-rustc-wrapper\.sh$/m);
  });

  it('is a package npm publishes as it is, and `npm pack` in the sources refuses, saying what packs it', () => {
    const manifest = JSON.parse(
      run('tar', ['-xzOf', tarball, 'package/package.json']).stdout.toString('utf8'),
    ) as Record<string, unknown>;
    expect(manifest.scripts).toBeUndefined();
    expect(manifest['nx-migrations']).toEqual({ migrations: './migrations.json' });
    expect(manifest.peerDependencies).toEqual({ nx: '>=24.0.0' });
    const refused = run('npm', ['pack', '--dry-run'], {
      cwd: join(repoRoot, 'packages', 'minicov'),
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('run `npm run pack` at the repository root');
  });
});

/** Points the workspace's npm at `registry` (and makes npm give up at once when it cannot reach it). */
function useRegistry(url: string): void {
  writeFileSync(join(root, '.npmrc'), `registry=${url}/\nfetch-retries=0\n`);
}

/** The files `nx add` may change, as they stand. */
function addedFiles(): Record<string, string | undefined> {
  const read = (file: string) =>
    existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined;
  return Object.fromEntries(
    ['package.json', 'package-lock.json', 'nx.json'].map((file) => [file, read(file)]),
  );
}

describe('nx add minicov from a registry', () => {
  it("fails with npm's own error when the registry cannot be reached, and changes nothing", () => {
    useRegistry('http://127.0.0.1:9');
    const before = addedFiles();
    const result = runNx(['add', 'minicov'], {
      cwd: root,
      nxBin: ownNx(),
      env: { NX_DAEMON: 'true' },
    });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toMatch(/ECONNREFUSED|127\.0\.0\.1:9/);
    expect(addedFiles()).toEqual(before);
    expect(existsSync(join(root, 'node_modules', 'minicov'))).toBe(false);
  });

  it('installs the published package and registers the plugin', () => {
    useRegistry(registry.url);
    nx(['add', 'minicov']);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const published = JSON.parse(
      run('tar', ['-xzOf', tarball, 'package/package.json']).stdout.toString('utf8'),
    ) as { version: string };
    expect(manifest.devDependencies.minicov).toMatch(new RegExp(`^\\^?${published.version}$`));
    // npm records the tarball it installed by its digest: the one published here.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { integrity?: string }>;
    };
    const digest = createHash('sha512').update(readFileSync(tarball)).digest('base64');
    expect(lock.packages['node_modules/minicov']?.integrity).toBe(`sha512-${digest}`);
    const nxJson = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as {
      plugins?: (string | { plugin: string })[];
    };
    expect(
      nxJson.plugins?.some(
        (entry) => (typeof entry === 'string' ? entry : entry.plugin) === 'minicov',
      ),
    ).toBe(true);
  });
});

describe('a fresh workspace with the plugin from the registry', () => {
  it('writes nothing under --dry-run', () => {
    const output = nx([
      'g',
      'minicov:crate',
      'probe',
      '--kind=lib',
      '--target=host',
      '--dry-run',
      '--no-interactive',
    ]);
    expect(output).toContain('crates/probe/Cargo.toml');
    expect(existsSync(join(root, 'crates', 'probe'))).toBe(false);
  });

  it('sets up; setting up again changes nothing', () => {
    nx(['g', 'minicov:setup', '--no-interactive']);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'setup']);
    nx(['g', 'minicov:setup', '--no-interactive']);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(join(root, 'rust-toolchain.toml'), 'utf8')).toContain('path = "/usr"');
  });

  it('scaffolds a firmware crate with C and a host library', () => {
    nx([
      'g',
      'minicov:crate',
      'fw',
      '--kind=firmware',
      '--target=thumbv7m-none-eabi',
      '--machine=lm3s6965evb',
      '--with-c',
      '--no-interactive',
    ]);
    nx(['g', 'minicov:crate', 'mathlib', '--kind=lib', '--target=host', '--no-interactive']);
    const nxJson = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as {
      plugins: unknown[];
    };
    expect(nxJson.plugins).toContainEqual({ plugin: 'minicov', options: { llvmMajor: 22 } });
  });

  it('nx run fw:coverage reports the generated Rust and C sources', () => {
    const output = nx(['run', 'fw:coverage']);
    const lcov = readFileSync(join(root, 'coverage', 'crates', 'fw', 'lcov.info'), 'utf8');
    expect(lcov).toContain('SF:crates/fw/src/main.rs');
    expect(lcov).toMatch(/SF:crates\/fw\/c\/\S+\.c/);
    expect(output).toContain('crates/fw/src/main.rs');
  });

  it('takes every step from the cache on the first repeat (the generator left Cargo.lock as the build needs it)', () => {
    expect(existsSync(join(root, 'Cargo.lock'))).toBe(true);
    const tasks = nxTasks(nx(['run', 'fw:coverage']));
    expect(
      ['coverage-build', 'coverage-run', 'coverage-merge', 'coverage'].map((target) =>
        tasks.get(`fw:${target}`),
      ),
    ).toEqual(['cache', 'cache', 'cache', 'cache']);
  });

  it('nx run fw:pgo builds an optimized firmware the profile matched, all but the capture function that differs by cfg(minicov)', () => {
    expectAllMatchedButCapture(nx(['run', 'fw:pgo']), 'write_profile');
  });

  it('nx run mathlib:coverage reports the library through its unit tests', () => {
    nx(['run', 'mathlib:coverage']);
    expect(
      readFileSync(join(root, 'coverage', 'crates', 'mathlib', 'lcov.info'), 'utf8'),
    ).toContain('SF:crates/mathlib/src/lib.rs');
  });

  it('replays every step after a lockfile change that leaves minicov alone, and re-runs them for a new minicov', () => {
    const chain = ['coverage-build', 'coverage-run', 'coverage-merge', 'coverage'].map(
      (target) => `mathlib:${target}`,
    );
    const tasksOf = (output: string) => {
      const tasks = nxTasks(output);
      return chain.map((task) => tasks.get(task));
    };
    const lockPath = join(root, 'package-lock.json');
    const original = readFileSync(lockPath, 'utf8');
    type Lock = {
      packages: Record<string, { version?: string; integrity?: string; dependencies?: object }>;
    };
    const lock = JSON.parse(original) as Lock;
    // A package nothing of minicov's needs (nor nx, its peer), as when another team adds a dependency.
    lock.packages['node_modules/another-teams-package'] = {
      version: '1.0.0',
      integrity: `sha512-${createHash('sha512').update('another team').digest('base64')}`,
    };
    writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
    expect(tasksOf(nx(['run', 'mathlib:coverage']))).toEqual(chain.map(() => 'cache'));

    // A new minicov, as an upgrade locks it: another version, another tarball.
    Object.assign(lock.packages['node_modules/minicov'] ?? {}, {
      version: '0.1.1',
      integrity: `sha512-${createHash('sha512').update('minicov 0.1.1').digest('base64')}`,
    });
    writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
    expect(tasksOf(nx(['run', 'mathlib:coverage']))).toEqual(chain.map(() => 'ran'));
    writeFileSync(lockPath, original);
  });
});
