// `npm run bench:graph`: `nx show projects` over generated workspaces of 10, 100 and 400 library crates, linked as a
// chain (each crate depends on the one before) and as a fan-out (one crate depends on all the others), with the packed
// plugin as users install it. Prints the first and a repeated run, daemon off and on, and the plugin's own share.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun, run } from '../testing/exec';
import { isolatedNxEnv } from '../testing/nx';
import { git, installPackagesWithPackedPlugin } from '../testing/workspace-copy';
// @ts-expect-error plain JavaScript shared with the tests
import { packPlugin } from '../pack-plugin.mjs';

type Shape = 'chain' | 'fan-out';
const SIZES = [10, 100, 400];
const SHAPES: Shape[] = ['chain', 'fan-out'];

const crateName = (index: number) => `lib${String(index).padStart(3, '0')}`;

/** The crates `index` depends on by path in a workspace of `size` crates of `shape`. */
function dependenciesOf(index: number, size: number, shape: Shape): number[] {
  if (shape === 'chain') return index === 0 ? [] : [index - 1];
  return index === 0 ? Array.from({ length: size - 1 }, (_, other) => other + 1) : [];
}

/** Writes a workspace of `size` opted-in library crates of `shape` with the packed plugin; returns its root. */
function generateWorkspace(size: number, shape: Shape, tarball: string): string {
  const root = join(mkdtempSync(join(tmpdir(), 'minicov-bench-graph-')), `${shape}-${size}`);
  mkdirSync(root);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(join(root, 'package.json'), json({ name: 'graph-bench', private: true }));
  writeFileSync(
    join(root, 'nx.json'),
    json({ plugins: [{ plugin: 'minicov', options: { llvmMajor: 22 } }] }),
  );
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.nx\ntarget\n');
  writeFileSync(join(root, 'Cargo.toml'), '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n');
  for (let index = 0; index < size; index += 1) {
    const directory = join(root, 'crates', crateName(index));
    mkdirSync(join(directory, 'src'), { recursive: true });
    const dependencies = dependenciesOf(index, size, shape)
      .map((other) => `${crateName(other)} = { path = "../${crateName(other)}" }`)
      .join('\n');
    writeFileSync(
      join(directory, 'Cargo.toml'),
      `[package]\nname = "${crateName(index)}"\nversion = "0.1.0"\nedition = "2021"\n\n` +
        `[dependencies]\n${dependencies}\n\n[package.metadata.minicov]\nrunner = "test"\n`,
    );
    writeFileSync(join(directory, 'src', 'lib.rs'), '#![no_std]\npub fn id(x: u32) -> u32 { x }\n');
  }
  installPackagesWithPackedPlugin(root, tarball);
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'generated']);
  return root;
}

interface Timing {
  seconds: number;
  /** Milliseconds Nx's perf log gives the plugin's createNodes and createDependencies (undefined with the daemon). */
  pluginMs?: number;
}

/** One `nx show projects` in `root`; checks it lists every crate. */
function showProjects(root: string, size: number, daemon: boolean): Timing {
  const env = {
    ...process.env,
    ...isolatedNxEnv(root),
    NX_DAEMON: String(daemon),
    NX_PERF_LOGGING: 'true',
  };
  const start = process.hrtime.bigint();
  const result = mustRun(
    process.execPath,
    [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'],
    { cwd: root, env },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const output = result.stdout.toString('utf8');
  const listed = output.split('\n').filter((line) => /^lib\d{3}$/.test(line.trim())).length;
  if (listed !== size)
    throw new Error(`nx show projects listed ${listed} of ${size} crates:\n${output}`);
  // Nx's perf log: the plugin workers' lines go to stderr.
  const perfLog = `${output}\n${result.stderr}`;
  const pluginMs = [...perfLog.matchAll(/'minicov:create(?:Nodes|Dependencies)' ([\d.]+)ms/g)]
    .map((match) => Number(match[1]))
    .reduce((sum, ms) => sum + ms, 0);
  return { seconds, pluginMs: pluginMs > 0 ? pluginMs : undefined };
}

/** Stops the workspace's daemon and forgets Nx's state, so the next run starts cold. */
function resetNx(root: string): void {
  run(process.execPath, [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'reset'], {
    cwd: root,
    env: { ...process.env, ...isolatedNxEnv(root) },
  });
}

const format = ({ seconds, pluginMs }: Timing) =>
  `${seconds.toFixed(2)} s${pluginMs === undefined ? '' : ` (plugin ${pluginMs.toFixed(0)} ms)`}`;

const tarball = packPlugin() as string;
const rows: { shape: Shape; size: number; daemon: boolean; first: Timing; repeated: Timing }[] = [];
for (const shape of SHAPES) {
  for (const size of SIZES) {
    const root = generateWorkspace(size, shape, tarball);
    try {
      for (const daemon of [false, true]) {
        resetNx(root);
        const first = showProjects(root, size, daemon);
        const repeated = showProjects(root, size, daemon);
        rows.push({ shape, size, daemon, first, repeated });
        console.log(
          `${shape.padEnd(7)} ${String(size).padStart(3)} crates, daemon ${daemon ? 'on ' : 'off'}: ` +
            `first ${format(first)}, repeated ${format(repeated)}`,
        );
      }
      resetNx(root);
    } finally {
      rmSync(join(root, '..'), { recursive: true, force: true });
    }
  }
}

console.log(
  '\nTargets: 400 crates at most 2x the time of 10; a repeated run at most half the first.',
);
for (const shape of SHAPES) {
  for (const daemon of [false, true]) {
    const of = (size: number) =>
      rows.find((row) => row.shape === shape && row.size === size && row.daemon === daemon);
    const small = of(10);
    const large = of(400);
    if (!small || !large) continue;
    const growth = large.first.seconds / small.first.seconds;
    const reuse = large.repeated.seconds / large.first.seconds;
    console.log(
      `  ${shape.padEnd(7)} daemon ${daemon ? 'on ' : 'off'}: 400/10 first runs ${growth.toFixed(2)}x ` +
        `(${growth <= 2 ? 'within' : 'over'}), 400 repeated/first ${reuse.toFixed(2)} (${reuse <= 0.5 ? 'within' : 'over'})`,
    );
  }
}
