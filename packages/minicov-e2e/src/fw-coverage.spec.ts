// `nx run fw:coverage` on a fresh copy of this workspace: counts equal the model, then Nx caching step by step.
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMarks } from '../../../examples/fw/test/marks';
import { expectedMarkCounts } from '../../../examples/fw/test/model';
import { readByteStringConst, readHexStream } from '../../../examples/fw/test/stream';
import { readLcovLineCounts } from '../../../tools/testing/lcov';
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

/** Checks that every MARK line of fw's sources, where it is now, has the count the model computes. */
function expectMarksAsModelled(): void {
  const example = join(root, 'examples', 'fw');
  const sources = ['src', 'c'].flatMap((dir) =>
    readdirSync(join(example, dir))
      .filter((file) => /\.(rs|c)$/.test(file))
      .map((file) => join(example, dir, file)),
  );
  const marks = findMarks(sources);
  const counts = readLcovLineCounts(join(root, 'coverage/examples/fw/lcov.info'));
  const selfCheck = join(example, 'src', 'self_check.rs');
  const expected = expectedMarkCounts({
    stream: readHexStream(join(example, 'data', 'stream.hex')),
    crcCheck: readByteStringConst(selfCheck, 'CRC16_CHECK'),
    fletcherCheck: readByteStringConst(selfCheck, 'FLETCHER16_CHECK'),
  });
  const reported = Object.fromEntries(
    marks.map((mark) => [mark.name, counts.get(mark.file.slice(root.length + 1))?.get(mark.line)]),
  );
  const modelled = Object.fromEntries(
    marks.map((mark) => [mark.name, expected.get(mark.name) ?? 0]),
  );
  expect(reported).toEqual(modelled);
  expect(marks.some((mark) => mark.file.endsWith('.c'))).toBe(true);
  expect(marks.some((mark) => mark.file.endsWith('.rs'))).toBe(true);
}

beforeAll(() => {
  // Cargo's build directory is shared (as a CI cache of target/ would be); Nx's state starts clean.
  // From the plugin's TypeScript sources, as `nx run fw:coverage` runs in this repository (other copies install
  // the packed plugin, as users do).
  root = copyWorkspace('fw-coverage', { sharedCargoTarget: true });
});

afterAll(() => removeWorkspaceCopy(root));

describe('nx run fw:coverage', () => {
  let firstLcov: string;

  it('builds, runs in QEMU, merges and reports from a clean state, with each marked line counted as the model says', () => {
    const { tasks, output } = coverage();
    expect(tasks).toEqual(allRan);
    expect(output).toMatch(/examples\/fw\/c\/crc16\.c +100\.00%/);
    expect(output).toContain('HTML coverage/examples/fw/html/index.html');
    expectMarksAsModelled();
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
    expect(branchFiles).toEqual(
      expect.arrayContaining(['examples/fw/src/hdlc.rs', 'examples/fw/c/crc16.c']),
    );
    const summary = JSON.parse(
      readFileSync(join(root, 'coverage/examples/fw/summary.json'), 'utf8'),
    ) as { totals: { branches?: { count: number } } };
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

  it('re-runs instrument, run, merge and report when one Rust line changed, saying how long the last build took', () => {
    const app = join(root, 'examples/fw/src/app.rs');
    writeFileSync(app, `// one more line\n${readFileSync(app, 'utf8')}`);
    const result = coverage();
    expect(result.tasks).toEqual(allRan);
    expect(result.output).toMatch(
      /minicov: building fw for thumbv7m-none-eabi with coverage instrumentation \(fw, [^)]*\) \(the last build here took [\d.]+ s\)/,
    );
  });

  it('re-builds when a library two path dependencies away changed (checksum, through codec)', () => {
    // Each project's sources are hashed once, by itself: fw reaches checksum through `^minicovSources`.
    appendFileSync(join(root, 'examples/libs/checksum/src/lib.rs'), '\n// compiled again\n');
    expect(coverage().tasks['fw:coverage-build']).toBe('ran');
  });

  it("re-builds when the runtime's C sources changed", () => {
    appendFileSync(join(root, 'runtime/c/src/writer.c'), '\n/* compiled again */\n');
    expect(coverage().tasks['fw:coverage-build']).toBe('ran');
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
    const truncated = runNx(
      ['run', 'fw:coverage-merge', '--exclude-task-dependencies', '--skip-nx-cache'],
      { cwd: root },
    );
    expect(truncated.code).not.toBe(0);
    expect(truncated.output).toContain(`${profile}: truncated`);

    // Rebuild from changed sources, then offer the old build's profile to the new binary.
    const app = join(root, 'examples/fw/src/app.rs');
    writeFileSync(app, `// and another\n${readFileSync(app, 'utf8')}`);
    const rebuilt = runNx(['run', 'fw:coverage-run'], { cwd: root });
    expect(rebuilt.code, rebuilt.output).toBe(0);
    copyFileSync(saved, profile);
    const foreign = runNx(
      ['run', 'fw:coverage-merge', '--exclude-task-dependencies', '--skip-nx-cache'],
      { cwd: root },
    );
    expect(foreign.code).not.toBe(0);
    expect(foreign.output).toContain(`${profile}: `);
    expect(foreign.output).toContain('different build');
  });
});

describe('no report that does not match its sources or its build', () => {
  const app = () => join(root, 'examples/fw/src/app.rs');

  it('rebuilds a source whose content changed while its mtime went back in time, and the report matches the new lines', () => {
    writeFileSync(
      app(),
      `// three lines\n// that move\n// every line below\n${readFileSync(app(), 'utf8')}`,
    );
    utimesSync(app(), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    expect(coverage().tasks['fw:coverage-build']).toBe('ran');
    expectMarksAsModelled();
  });

  it('fails the report, naming the file, when a source changed after the build compiled it, and writes or caches nothing misaligned', () => {
    const before = lcovOf();
    const text = readFileSync(app(), 'utf8');
    writeFileSync(app(), `// edited while the chain ran\n${text}`);
    const report = runNx(['run', 'fw:coverage', '--exclude-task-dependencies'], { cwd: root });
    expect(report.code).not.toBe(0);
    expect(report.output).toContain(
      '1 source file(s) changed since fw:coverage-build compiled them: examples/fw/src/app.rs; the report would show their new text against the old build',
    );
    expect(report.output).toContain('fix: run `nx run fw:coverage` again once the edits are done');
    expect(lcovOf()).toBe(before);
    writeFileSync(app(), text);
    expect(coverage().tasks).toEqual(allFromCache);
  });

  it('reports without a stale-profile warning when the binary is newer than the merged profile of the same build', () => {
    // As after a rebuild whose run and merge came from the cache: the profile is older than the binary, and llvm-cov
    // compares the two files' mtimes.
    const merged = join(root, 'dist/minicov/examples/fw/coverage/merged.profdata');
    const earlier = new Date(Date.now() - 3_600_000);
    utimesSync(merged, earlier, earlier);
    const report = runNx(['run', 'fw:coverage', '--exclude-task-dependencies', '--skip-nx-cache'], {
      cwd: root,
    });
    expect(report.code, report.output).toBe(0);
    expect(report.output.split('\n').filter((line) => line.includes('out of date'))).toEqual([]);
  });

  it('takes build-changing environment variables as inputs', () => {
    const result = runNx(['run', 'fw:coverage-build'], {
      cwd: root,
      env: { CARGO_BUILD_JOBS: '1' },
    });
    expect(result.code, result.output).toBe(0);
    expect(nxTasks(result.output).get('fw:coverage-build')).toBe('ran');
  });

  it('names a build output damaged in the cache, and says how to clear it', () => {
    coverage();
    const cache = join(root, '.nx/cache');
    const cached = readdirSync(cache)
      .map((entry) => join(cache, entry, 'dist/minicov/examples/fw/coverage/build/fw'))
      .filter((path) => existsSync(path));
    expect(cached.length).toBeGreaterThan(0);
    for (const binary of cached) writeFileSync(binary, readFileSync(binary).subarray(0, 4096));
    rmSync(join(root, 'dist/minicov/examples/fw/coverage/build'), { recursive: true });
    const damaged = runNx(['run', 'fw:coverage'], { cwd: root });
    expect(damaged.code).not.toBe(0);
    expect(damaged.output).toMatch(
      /dist\/minicov\/examples\/fw\/coverage\/build\/fw has SHA-256 [0-9a-f]{16}…, not the [0-9a-f]{16}… fw:coverage-build recorded in build\.json/,
    );
    expect(damaged.output).toContain(
      "fix: run `nx reset` to clear Nx's cache, then the target again",
    );
    expect(runNx(['reset'], { cwd: root }).code).toBe(0);
    const again = runNx(['run', 'fw:coverage'], { cwd: root });
    expect(again.code, again.output).toBe(0);
  });

  it('instruments a binary named apart from its package, and names the binaries when bin does not match one', () => {
    const manifest = join(root, 'examples/fw/Cargo.toml');
    const original = readFileSync(manifest, 'utf8');
    const renamed = original.replace('[[bin]]\nname = "fw"', '[[bin]]\nname = "fw-app"');
    writeFileSync(manifest, renamed);
    const unnamed = runNx(['run', 'fw:coverage-build'], { cwd: root });
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.output).toContain(
      'binary "fw" (package.metadata.minicov.bin, which defaults to the package name) is not a binary of fw; its binaries: fw-app',
    );
    writeFileSync(manifest, renamed.replace('timeout = 60', 'timeout = 60\nbin = "fw-app"'));
    expect(coverage().tasks['fw:coverage']).toBe('ran');
    const files = [...readLcovLineCounts(join(root, 'coverage/examples/fw/lcov.info')).keys()];
    for (const source of [
      'examples/fw/src/main.rs',
      'examples/fw/src/app.rs',
      'examples/fw/src/hdlc.rs',
      'examples/fw/c/crc16.c',
    ])
      expect(files).toContain(source);
    expectMarksAsModelled();
    writeFileSync(manifest, original);
  });
});
