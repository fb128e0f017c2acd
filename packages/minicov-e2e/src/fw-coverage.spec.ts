// `nx run fw:coverage` on a fresh copy of this workspace: counts equal the model, then Nx caching step by step.
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMarks } from '../../../examples/fw/test/marks';
import { expectedMarkCounts } from '../../../examples/fw/test/model';
import { readByteStringConst, readHexStream } from '../../../examples/fw/test/stream';
import { readLcovLineCounts } from '../../../tools/testing/lcov-file';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';

const CHAIN = ['fw:coverage-build', 'fw:coverage-run', 'fw:coverage-merge', 'fw:coverage'];
let root: string;

function coverage(args: string[] = []) {
  const result = runNx(['run', 'fw:coverage', ...args], { cwd: root });
  expect(result.code, result.output).toBe(0);
  const tasks = nxTasks(result.output);
  return { ...result, tasks: Object.fromEntries(CHAIN.map((task) => [task, tasks.get(task)])) };
}

const lcovOf = () => readFileSync(join(root, 'coverage/examples/fw/lcov.info'), 'utf8');
const allFromCache = Object.fromEntries(CHAIN.map((task) => [task, 'cache']));
const allRan = Object.fromEntries(CHAIN.map((task) => [task, 'ran']));

beforeAll(() => {
  root = copyWorkspace('fw-coverage');
});

afterAll(() => removeWorkspaceCopy(root));

describe('nx run fw:coverage', () => {
  let firstLcov: string;

  it('builds, runs in QEMU, merges and reports from a clean state, with each marked line counted as the model says', () => {
    const { tasks, output } = coverage();
    expect(tasks).toEqual(allRan);
    expect(output).toMatch(/examples\/fw\/c\/crc16\.c +100\.0%/);
    expect(output).toContain('HTML coverage/examples/fw/html/index.html');
    const example = join(root, 'examples', 'fw');
    const sources = ['src', 'c'].flatMap((dir) =>
      readdirSync(join(example, dir)).filter((file) => /\.(rs|c)$/.test(file)).map((file) => join(example, dir, file)),
    );
    const marks = findMarks(sources);
    const counts = readLcovLineCounts(join(root, 'coverage/examples/fw/lcov.info'));
    const selfCheck = join(example, 'src', 'self_check.rs');
    const expected = expectedMarkCounts({
      stream: readHexStream(join(example, 'data', 'stream.hex')),
      crcCheck: readByteStringConst(selfCheck, 'CRC16_CHECK'),
      fletcherCheck: readByteStringConst(selfCheck, 'FLETCHER16_CHECK'),
    });
    const reported = Object.fromEntries(marks.map((mark) => [mark.name, counts.get(mark.file.slice(root.length + 1))?.get(mark.line)]));
    const modelled = Object.fromEntries(marks.map((mark) => [mark.name, expected.get(mark.name) ?? 0]));
    expect(reported).toEqual(modelled);
    expect(marks.some((mark) => mark.file.endsWith('.c'))).toBe(true);
    expect(marks.some((mark) => mark.file.endsWith('.rs'))).toBe(true);
    const html = readFileSync(join(root, 'coverage/examples/fw/html/index.html'), 'utf8');
    expect(html).toContain('crc16.c');
    expect(html).toContain('hdlc.rs');
    firstLcov = lcovOf();
    expect(firstLcov).not.toContain(root);
    expect(output).toContain('Cobertura coverage/examples/fw/cobertura.xml');
  });

  it('records branch coverage of the Rust and the C code run on the target', () => {
    const branchFiles = firstLcov
      .split('end_of_record')
      .filter((record) => /^BRDA:/m.test(record))
      .map((record) => /^SF:(.*)$/m.exec(record)?.[1]);
    expect(branchFiles).toEqual(expect.arrayContaining(['examples/fw/src/hdlc.rs', 'examples/fw/c/crc16.c']));
    const summary = JSON.parse(readFileSync(join(root, 'coverage/examples/fw/summary.json'), 'utf8')) as { totals: { branches?: { count: number } } };
    expect(summary.totals.branches?.count).toBeGreaterThan(0);
  });

  it('replays every step from the cache when nothing changed, restoring the same report', () => {
    writeFileSync(join(root, 'coverage/examples/fw/lcov.info'), 'damaged\n');
    const { tasks } = coverage();
    expect(tasks).toEqual(allFromCache);
    expect(lcovOf()).toBe(firstLcov);
  });

  it('replays every step when only a README changed', () => {
    appendFileSync(join(root, 'examples/fw/README.md'), '\nA note that changes no code.\n');
    expect(coverage().tasks).toEqual(allFromCache);
  });

  it('re-runs instrument, run, merge and report when one Rust line changed', () => {
    const app = join(root, 'examples/fw/src/app.rs');
    writeFileSync(app, `// one more line\n${readFileSync(app, 'utf8')}`);
    expect(coverage().tasks).toEqual(allRan);
  });

  it('re-runs every step when the toolchain pin changed', () => {
    // The same Debian toolchain named by another path: a pin change that still resolves to a working toolchain.
    writeFileSync(join(root, 'rust-toolchain.toml'), '[toolchain]\npath = "/usr/./"\n');
    expect(coverage().tasks).toEqual(allRan);
  });

  it('rejects a truncated profile and a profile from another build of the binary, naming the file', () => {
    const profile = join(root, 'dist/minicov/examples/fw/coverage/profiles/run-0/fw.profraw');
    const saved = join(mkdtempSync(join(tmpdir(), 'fw-profile-')), 'fw.profraw');
    copyFileSync(profile, saved);
    writeFileSync(profile, readFileSync(saved).subarray(0, 200));
    const truncated = runNx(['run', 'fw:coverage-merge', '--exclude-task-dependencies', '--skip-nx-cache'], { cwd: root });
    expect(truncated.code).not.toBe(0);
    expect(truncated.output).toContain(`${profile}: truncated`);

    // Rebuild from changed sources, then offer the old build's profile to the new binary.
    const app = join(root, 'examples/fw/src/app.rs');
    writeFileSync(app, `// and another\n${readFileSync(app, 'utf8')}`);
    const rebuilt = runNx(['run', 'fw:coverage-run'], { cwd: root });
    expect(rebuilt.code, rebuilt.output).toBe(0);
    copyFileSync(saved, profile);
    const foreign = runNx(['run', 'fw:coverage-merge', '--exclude-task-dependencies', '--skip-nx-cache'], { cwd: root });
    expect(foreign.code).not.toBe(0);
    expect(foreign.output).toContain(`${profile}: `);
    expect(foreign.output).toContain('different build');
  });
});
