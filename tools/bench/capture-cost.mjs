// Host capture cost: callgrind instructions of one capture into a preallocated buffer vs a memcpy of the same bytes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mustRun, repoRoot } from './run.mjs';

const target = 'x86_64-unknown-linux-gnu';

function buildBench() {
  const targetDir = join(repoRoot, 'target', 'bench');
  mustRun(
    'cargo',
    [
      'build',
      '--release',
      '-p',
      'reference-nostd-harness',
      '--bin',
      'capture-bench',
      '--target',
      target,
      '--target-dir',
      targetDir,
    ],
    {
      env: {
        RUSTC_BOOTSTRAP: '1',
        RUSTFLAGS:
          '-Cinstrument-coverage -Zno-profiler-runtime -Csymbol-mangling-version=v0 -Crelocation-model=static -Ctarget-feature=+crt-static',
      },
    },
  );
  return join(targetDir, target, 'release', 'capture-bench');
}

/** Inclusive instruction count of `symbol` from callgrind_annotate output. */
function inclusive(annotated, symbol) {
  const line = annotated.split('\n').find((l) => l.includes(`:${symbol} [`));
  if (!line) throw new Error(`callgrind recorded no ${symbol}`);
  return Number(line.trim().split(/\s+/)[0].replace(/,/g, ''));
}

/** Measures and returns { profileBytes, captureIr, memcpyIr }. */
export function measureCaptureCost() {
  const binary = buildBench();
  const out = join(mkdtempSync(join(tmpdir(), 'minicov-bench-')), 'callgrind.out');
  const run = mustRun('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, binary]);
  const profileBytes = Number(/profile_bytes=(\d+)/.exec(run.stderr)[1]);
  const annotated = mustRun('callgrind_annotate', ['--inclusive=yes', out]).stdout;
  return {
    profileBytes,
    captureIr: inclusive(annotated, 'bench_capture'),
    memcpyIr: inclusive(annotated, 'bench_memcpy'),
  };
}
