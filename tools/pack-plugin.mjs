// Packs packages/minicov as users install it: compiled JavaScript beside schemas, the rustc wrappers and the
// runtime sources; no TypeScript sources, specs or fixtures. Prints the tarball's path.
// Usage: node tools/pack-plugin.mjs [output directory]
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRun } from './bench/run.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = join(repoRoot, 'packages', 'minicov');

/** Every file under `dir` (recursively) whose path passes `keep`. */
function filesUnder(dir, keep) {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile() && keep(relative(dir, path)));
}

/** Builds the staged package directory and returns it. */
export function stagePlugin() {
  const stage = mkdtempSync(join(tmpdir(), 'minicov-pack-'));
  mustRun(join(repoRoot, 'node_modules', '.bin', 'tsc'), [
    '-p',
    join(plugin, 'tsconfig.json'),
    '--outDir',
    stage,
    '--composite',
    'false',
    '--incremental',
    'false',
    '--sourceMap',
    'false',
    '--tsBuildInfoFile',
    'null',
  ]);
  const copy = (from, to) => {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
  };
  for (const file of [
    'executors.json',
    'migrations.json',
    'generators.json',
    'README.md',
    ...readdirSync(join(plugin, 'bin')).map((script) => `bin/${script}`),
  ])
    copy(join(plugin, file), join(stage, file));
  // The package as published: without the prepack script that stops `npm pack` in the sources.
  const manifest = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8'));
  delete manifest.scripts;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Executor and generator schemas, and generator templates (src/generators/*/files/**), as they are.
  const asset = (path) => path.endsWith('schema.json') || /(^|\/)files\//.test(path);
  for (const file of filesUnder(join(plugin, 'src'), asset))
    copy(file, join(stage, relative(plugin, file)));
  // The runtime the generated crates depend on by path: C sources and the Rust crate, no build output or tests.
  for (const part of ['c', 'minicov']) {
    const from = join(repoRoot, 'runtime', part);
    for (const file of filesUnder(from, (path) => !path.startsWith('target')))
      copy(file, join(stage, 'runtime', part, relative(from, file)));
  }
  return stage;
}

/** Packs the staged package into `outputDir` (made when missing) and returns the tarball path. */
export function packPlugin(outputDir = mkdtempSync(join(tmpdir(), 'minicov-tarball-'))) {
  mkdirSync(outputDir, { recursive: true });
  const stage = stagePlugin();
  const result = mustRun('npm', ['pack', '--json', '--pack-destination', outputDir], {
    cwd: stage,
  });
  const [{ filename }] = JSON.parse(result.stdout);
  return join(outputDir, filename);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(packPlugin(process.argv[2]));
