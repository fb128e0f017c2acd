// The host no_std example (Rust + C, no libc) profiled by minicov: llvm-cov's counts equal the expected ones.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { cargoBuild, hostTarget, nostdHostRustflags, repoRoot } from '../../tools/testing/cargo';
import { mustRun } from '../../tools/testing/exec';
import { lineCounts, lineOf } from '../../tools/testing/lcov';

const example = join(repoRoot, 'examples', 'host-nostd');
const mainRs = join(example, 'src', 'main.rs');
const protocolRs = join(example, 'src', 'protocol.rs');
const crcC = join(example, 'c', 'crc32.c');

let counts: Map<string, Map<number, number>>;
let script: string;

beforeAll(() => {
  const binary = cargoBuild({
    pkg: 'host-nostd',
    target: hostTarget,
    targetDir: join(repoRoot, 'target', 'host-nostd-test'),
    rustflags: nostdHostRustflags('-Cinstrument-coverage'),
    env: { MINICOV_CFLAGS: '-fprofile-instr-generate -fcoverage-mapping' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'minicov-host-'));
  const profile = join(dir, 'host.profraw');
  mustRun(binary, [profile]);
  mustRun('llvm-profdata-22', ['merge', '-o', join(dir, 'host.profdata'), profile]);
  counts = lineCounts('llvm-cov-22', binary, join(dir, 'host.profdata'));
  // The script the program runs, read from its source, unescaped.
  const literal = /const SCRIPT: &\[u8\] = b"(.*)";/.exec(readFileSync(mainRs, 'utf8'))?.[1];
  if (literal === undefined) throw new Error(`${mainRs} has no \`const SCRIPT: &[u8] = b"...";\``);
  script = literal.replace(/\\n/g, '\n');
});

describe('host-nostd under coverage', () => {
  it('counts one parse per non-empty script line (Rust)', () => {
    const lines = script.split('\n').filter((l) => l.length > 0);
    expect(counts.get(protocolRs)?.get(lineOf(protocolRs, 'match parse(line) {'))).toBe(
      lines.length,
    );
    const sums = lines.filter((l) => l === 'SUM').length;
    expect(counts.get(protocolRs)?.get(lineOf(protocolRs, 'Command::Sum => total +='))).toBe(sums);
  });

  it('counts one CRC step per input byte (C)', () => {
    const bytes = Buffer.byteLength(script) + '123456789'.length;
    expect(counts.get(crcC)?.get(lineOf(crcC, 'crc ^= data[i];'))).toBe(bytes);
    expect(
      counts.get(crcC)?.get(lineOf(crcC, 'for (int bit = 0; bit < 8; ++bit) {')),
    ).toBeGreaterThanOrEqual(bytes);
  });
});
