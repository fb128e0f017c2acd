// `npm run bench:pipeline`: nx's pipeline against the same steps run by hand, cold and cached, and the PGO speedup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { firmwareInstructions } from './qemu-instructions.mjs';
import { mustRun, repoRoot } from './run.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const nx = join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
// As in CI: no daemon (each nx command computes the graph itself), no cloud, plain output.
const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/** Seconds `command args` takes; it must succeed. */
function timed(command, args, env = {}) {
  const start = process.hrtime.bigint();
  mustRun(command, args, { env });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (value) => `${value.toFixed(2)} s`;

/** Alternates the nx target (cargo state cleared, nx cache skipped) with the hand-run script; then a cached nx run. */
function compare(target, projectTargetDir, script) {
  const viaNx = [];
  const byHand = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    rmSync(join(repoRoot, projectTargetDir), { recursive: true, force: true });
    viaNx.push(timed(process.execPath, [nx, 'run', target, '--skip-nx-cache'], nxEnv));
    const out = mkdtempSync(join(tmpdir(), 'bench-hand-'));
    byHand.push(timed('bash', [join(repoRoot, 'tools', 'bench', 'by-hand', script), out]));
    rmSync(out, { recursive: true, force: true });
  }
  const cached = [];
  for (let round = 0; round < ROUNDS; round += 1) cached.push(timed(process.execPath, [nx, 'run', target], nxEnv));
  const cold = median(viaNx);
  const hand = median(byHand);
  console.log(`${target} (median of ${ROUNDS}, alternating; cargo build directories emptied before each run)`);
  console.log(`  nx run ${target} --skip-nx-cache: ${seconds(cold)}   by hand: ${seconds(hand)}   ratio ${(cold / hand).toFixed(2)}x (target <= 1.15x)`);
  console.log(`  cached nx run: ${seconds(median(cached))} = ${((median(cached) / cold) * 100).toFixed(1)}% of cold (target <= 10%)`);
}

/** Instructions (callgrind) of one run of `binary` on the PGO workload. */
function instructions(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cg-'));
  const result = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${join(dir, 'out')}`, binary, join(dir, 'p.profraw'), '2000'], {
    encoding: 'utf8',
  });
  rmSync(dir, { recursive: true, force: true });
  const collected = /Collected : (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !collected) throw new Error(`callgrind of ${binary} failed:\n${result.stderr}`);
  return Number(collected[1]);
}

compare('fw:coverage', 'target/minicov/fw/coverage', 'fw-coverage.sh');
compare('host-nostd:pgo', 'target/minicov/host-nostd', 'host-nostd-pgo.sh');

const plainDir = join(repoRoot, 'target', 'bench-plain');
mustRun('cargo', ['build', '-q', '--release', '-p', 'host-nostd', '--target', 'x86_64-unknown-linux-gnu', '--target-dir', plainDir], {
  env: { RUSTC_BOOTSTRAP: '1', RUSTFLAGS: '-Csymbol-mangling-version=v0', CC: 'clang-22', AR: 'llvm-ar-22' },
});
const plain = instructions(join(plainDir, 'x86_64-unknown-linux-gnu', 'release', 'host-nostd'));
const optimized = instructions(join(repoRoot, 'dist', 'minicov', 'examples', 'host-nostd', 'pgo', 'optimized', 'host-nostd'));
console.log('host-nostd workload (2000 rounds), callgrind instructions');
console.log(`  plain release: ${plain}   PGO-optimized: ${optimized}   ${(((plain - optimized) / plain) * 100).toFixed(1)}% fewer`);

// The firmware: the same workload before and after PGO, counted instruction by instruction in QEMU.
mustRun(process.execPath, [nx, 'run', 'fw:pgo'], { env: nxEnv });
const fwPlainDir = join(repoRoot, 'target', 'bench-plain-fw');
mustRun('cargo', ['build', '-q', '--release', '-p', 'fw', '--bin', 'fw', '--target', 'thumbv7m-none-eabi', '-Zbuild-std=core', '--target-dir', fwPlainDir,
  '-Zprofile-rustflags', '--config', 'profile.release.package.fw.rustflags=["-Csymbol-mangling-version=v0"]'], {
  env: { RUSTC_BOOTSTRAP: '1', CC: 'clang-22', AR: 'llvm-ar-22' },
});
const fwPlain = firmwareInstructions(join(fwPlainDir, 'thumbv7m-none-eabi', 'release', 'fw'));
const fwOptimized = firmwareInstructions(join(repoRoot, 'dist', 'minicov', 'examples', 'fw', 'pgo', 'optimized', 'fw'));
console.log('fw in QEMU lm3s6965evb, instructions executed (single-stepped exec trace)');
console.log(`  plain release: ${fwPlain}   PGO-optimized: ${fwOptimized}   ${(((fwPlain - fwOptimized) / fwPlain) * 100).toFixed(1)}% fewer`);
