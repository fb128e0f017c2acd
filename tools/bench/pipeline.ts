// `npm run bench:pipeline`: nx's pipeline against the same steps run by hand, cold and cached, and the PGO speedup.
// The plugin runs twice: as users install it (the packed package, compiled JavaScript) and from this
// repository's TypeScript sources (which Nx transpiles in every task process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../testing/cargo';
import { mustRun } from '../testing/exec';
import { isolatedNxEnv } from '../testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../testing/workspace-copy';
// @ts-expect-error plain JavaScript helpers shared with the other benchmarks
import { firmwareInstructions } from './qemu-instructions.mjs';
// @ts-expect-error plain JavaScript helpers shared with the other benchmarks
import { packPlugin } from '../pack-plugin.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const nx = (workspace: string) => join(workspace, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

/** Seconds `command args` takes in `cwd`; it must succeed. */
function timed(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): number {
  const start = process.hrtime.bigint();
  mustRun(command, args, { cwd, env });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (value: number) => `${value.toFixed(2)} s`;

/** Where the benchmark's nx runs build `core` (emptied before each cold run, as the by-hand scripts build it too). */
const STD_DIR = join(repoRoot, 'target', 'bench-std');

/** What one comparison runs: an nx target against its by-hand script, and the ratio it should stay within. */
interface Comparison {
  target: string;
  /** Cargo build directories of the target, emptied before each cold run. */
  cargoDir: string;
  script: string;
  /** The most the cold nx run may take, as a multiple of the by-hand script. */
  limit: number;
}

const COMPARISONS: Comparison[] = [
  { target: 'fw:coverage', cargoDir: 'target/minicov/fw', script: 'fw-coverage.sh', limit: 1.05 },
  {
    target: 'host-nostd:pgo',
    cargoDir: 'target/minicov/host-nostd',
    script: 'host-nostd-pgo.sh',
    limit: 1.15,
  },
];

/** nx's environment for the benchmark: Nx's state inside the workspace, `core` in STD_DIR. */
const nxEnv = (workspace: string) => ({ ...isolatedNxEnv(workspace), MINICOV_STD_DIR: STD_DIR });

/** Alternates the nx target (cargo state cleared, nx cache skipped) with the by-hand script; then cached nx runs. */
function compare(label: string, workspace: string, comparison: Comparison): void {
  const { target, cargoDir, script, limit } = comparison;
  const viaNx: number[] = [];
  const byHand: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    rmSync(join(workspace, cargoDir), { recursive: true, force: true });
    rmSync(STD_DIR, { recursive: true, force: true });
    viaNx.push(
      timed(
        process.execPath,
        [nx(workspace), 'run', target, '--skip-nx-cache'],
        workspace,
        nxEnv(workspace),
      ),
    );
    const out = mkdtempSync(join(tmpdir(), 'bench-hand-'));
    byHand.push(
      timed('bash', [join(repoRoot, 'tools', 'bench', 'by-hand', script), out], repoRoot),
    );
    rmSync(out, { recursive: true, force: true });
  }
  const cached: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1)
    cached.push(
      timed(process.execPath, [nx(workspace), 'run', target], workspace, nxEnv(workspace)),
    );
  const cold = median(viaNx);
  const hand = median(byHand);
  const ratio = cold / hand;
  const share = median(cached) / cold;
  console.log(
    `${target}, ${label} (median of ${ROUNDS}, alternating; cargo build directories and core emptied before each run)`,
  );
  console.log(
    `  nx run ${target} --skip-nx-cache: ${seconds(cold)}   by hand: ${seconds(hand)}   ratio ${ratio.toFixed(2)}x (target <= ${limit}x: ${ratio <= limit ? 'within' : 'over'})`,
  );
  console.log(
    `  cached nx run: ${seconds(median(cached))} = ${(share * 100).toFixed(1)}% of cold (target <= 10%: ${share <= 0.1 ? 'within' : 'over'})`,
  );
}

/** One nx run of a merge step whose build and run are done: only that task, not from the cache. */
function mergeStep(label: string, workspace: string): void {
  const task = 'host-nostd:coverage-merge';
  mustRun(process.execPath, [nx(workspace), 'run', task], {
    cwd: workspace,
    env: nxEnv(workspace),
  });
  const runs = Array.from({ length: ROUNDS }, () =>
    timed(
      process.execPath,
      [nx(workspace), 'run', task, '--exclude-task-dependencies', '--skip-nx-cache'],
      workspace,
      nxEnv(workspace),
    ),
  );
  const profiles = join(
    workspace,
    'dist',
    'minicov',
    'examples',
    'host-nostd',
    'coverage',
    'profiles',
  );
  const out = mkdtempSync(join(tmpdir(), 'bench-merge-'));
  const hand = Array.from({ length: ROUNDS }, () =>
    timed(
      'sh',
      [
        '-c',
        `llvm-profdata-22 merge -o "$1/merged.profdata" $(find "$2" -name '*.profraw')`,
        'merge',
        out,
        profiles,
      ],
      workspace,
    ),
  );
  rmSync(out, { recursive: true, force: true });
  console.log(
    `nx run ${task} alone (built and run already), ${label}: ${seconds(median(runs))}   llvm-profdata merge by hand: ${seconds(median(hand))}`,
  );
}

/** Instructions (callgrind) of one run of the host-nostd workload. */
function instructions(binary: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cg-'));
  const result = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${join(dir, 'out')}`,
      binary,
      join(dir, 'p.profraw'),
      '2000',
    ],
    { encoding: 'utf8' },
  );
  rmSync(dir, { recursive: true, force: true });
  const collected = /Collected : (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !collected)
    throw new Error(`callgrind of ${binary} failed:\n${result.stderr}`);
  return Number(collected[1]);
}

const packed = copyWorkspace('bench-packed', { pluginTarball: packPlugin() });
const sources = copyWorkspace('bench-sources');
for (const comparison of COMPARISONS) {
  compare('packed plugin (as installed)', packed, comparison);
  compare('plugin from TypeScript sources', sources, comparison);
}
mergeStep('packed plugin', packed);
mergeStep('plugin from TypeScript sources', sources);

const plainDir = join(repoRoot, 'target', 'bench-plain');
mustRun(
  'cargo',
  [
    'build',
    '-q',
    '--release',
    '-p',
    'host-nostd',
    '--target',
    'x86_64-unknown-linux-gnu',
    '--target-dir',
    plainDir,
  ],
  {
    cwd: repoRoot,
    env: {
      RUSTC_BOOTSTRAP: '1',
      RUSTFLAGS: '-Csymbol-mangling-version=v0',
      CC: 'clang-22',
      AR: 'llvm-ar-22',
    },
  },
);
const plain = instructions(join(plainDir, 'x86_64-unknown-linux-gnu', 'release', 'host-nostd'));
const optimized = instructions(
  join(packed, 'dist', 'minicov', 'examples', 'host-nostd', 'pgo', 'optimized', 'host-nostd'),
);
console.log('host-nostd workload (2000 rounds), callgrind instructions');
console.log(
  `  plain release: ${plain}   PGO-optimized: ${optimized}   ${(((plain - optimized) / plain) * 100).toFixed(1)}% fewer`,
);

// The firmware: the same workload before and after PGO, counted instruction by instruction in QEMU.
mustRun(process.execPath, [nx(packed), 'run', 'fw:pgo'], { cwd: packed, env: nxEnv(packed) });
const fwPlainDir = join(repoRoot, 'target', 'bench-plain-fw');
mustRun(
  'cargo',
  [
    'build',
    '-q',
    '--release',
    '-p',
    'fw',
    '--bin',
    'fw',
    '--target',
    'thumbv7m-none-eabi',
    '-Zbuild-std=core',
    '--target-dir',
    fwPlainDir,
    '-Zprofile-rustflags',
    '--config',
    'profile.release.package.fw.rustflags=["-Csymbol-mangling-version=v0"]',
  ],
  {
    cwd: repoRoot,
    env: { RUSTC_BOOTSTRAP: '1', CC: 'clang-22', AR: 'llvm-ar-22' },
  },
);
const fwPlain: number = firmwareInstructions(
  join(fwPlainDir, 'thumbv7m-none-eabi', 'release', 'fw'),
);
const fwOptimized: number = firmwareInstructions(
  join(packed, 'dist', 'minicov', 'examples', 'fw', 'pgo', 'optimized', 'fw'),
);
console.log('fw in QEMU lm3s6965evb, instructions executed (single-stepped exec trace)');
console.log(
  `  plain release: ${fwPlain}   PGO-optimized: ${fwOptimized}   ${(((fwPlain - fwOptimized) / fwPlain) * 100).toFixed(1)}% fewer`,
);

removeWorkspaceCopy(packed);
removeWorkspaceCopy(sources);
