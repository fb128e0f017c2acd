// Odd paths and shell-like input: a workspace and project directories named with spaces, quotes, `%` and non-ASCII;
// run arguments, command words and report patterns that look like shell syntax reach their program verbatim.
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun } from '../../../tools/testing/exec';
import { runNx } from '../../../tools/testing/nx';
import { copyWorkspace, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

const ODD = `'q' "d" ü`;
const HOST_DIR = `examples/host nostd ${ODD}`;
// `%p` in a path given as LLVM_PROFILE_FILE would become the process id:
// the library's unit tests write their profile through it.
const LIB_DIR = `examples/libs/ring buf ${ODD} 100%p`;
let parent: string;
let root: string;
/** Where a shell, if one ever ran these strings, would create its files; also holds the argument recorder. */
let marks: string;

/** A TOML basic string (JSON's escapes are TOML's). */
const toml = (text: string) => JSON.stringify(text);
const coverage = (project: string, ...args: string[]) =>
  runNx(['run', `${project}:coverage`, '--output-style=static', ...args], { cwd: root });
const sourceFiles = (projectDir: string) =>
  readFileSync(join(root, 'coverage', projectDir, 'lcov.info'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('SF:'))
    .map((line) => line.slice(3));

/** Every file of a report, as text. */
function reportTexts(projectDir: string): Map<string, string> {
  const dir = join(root, 'coverage', projectDir);
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => statSync(join(dir, file)).isFile());
  return new Map(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/** The strings a shell would act on; each would create a file in `marks` if it ever reached one. */
function shellLikeArguments(): string[] {
  return [
    `$(touch ${marks}/dollar)`,
    `; touch ${marks}/semicolon`,
    `\`touch ${marks}/backtick\``,
    `| touch ${marks}/pipe`,
    `&& touch ${marks}/and`,
    `> ${marks}/redirect`,
    `'; touch ${marks}/quote; '`,
    `"$(touch ${marks}/double)"`,
    `\ntouch ${marks}/newline`,
    '* ? [a-z] ~ $HOME ${PATH}',
    'ü € 日本',
  ];
}

/** Files in `marks` besides the recorder and its record: none, or a shell ran. */
const shellFiles = () => readdirSync(marks).filter((name) => !name.startsWith('argv'));

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), `minicov e2e ${ODD}-`));
  // Cargo's own build directories too get the odd path: no shared target.
  root = copyWorkspace(`ws ${ODD}`, { parent, pluginTarball: packedPlugin() });
  marks = mkdtempSync(join(parent, `marks ${ODD}-`));
  renameSync(join(root, 'examples/host-nostd'), join(root, HOST_DIR));
  renameSync(join(root, 'examples/libs/ringbuf'), join(root, LIB_DIR));
  const workspace = join(root, 'Cargo.toml');
  const members = readFileSync(workspace, 'utf8');
  writeFileSync(
    workspace,
    members
      .replace('"examples/host-nostd"', toml(HOST_DIR))
      .replace('"examples/libs/ringbuf"', toml(LIB_DIR)),
  );
  const codec = join(root, 'examples/libs/codec/Cargo.toml');
  writeFileSync(
    codec,
    readFileSync(codec, 'utf8').replace(
      'path = "../ringbuf"',
      `path = ${toml(`../${basename(LIB_DIR)}`)}`,
    ),
  );
});

afterAll(() => {
  removeWorkspaceCopy(root);
  if (!process.env.MINICOV_KEEP_E2E) rmSync(parent, { recursive: true, force: true });
});

describe('a workspace and project directories named with spaces, quotes and non-ASCII, a library directory with `%`', () => {
  it('reports a host program (Rust and C), a library through its unit tests and the QEMU firmware, paths relative and intact', () => {
    const result = runNx(
      ['run-many', '-t', 'coverage', '-p', 'host-nostd', 'ringbuf', 'fw', '--output-style=static'],
      { cwd: root },
    );
    expect(result.code, result.output).toBe(0);
    // Piped, as in a CI log: cargo writes its status word and the rest of a line apart, and they stay one line.
    const statusLines = result.output
      .split('\n')
      .filter((line) => /^\s*(Compiling|Finished)\b/.test(line));
    expect(statusLines.length).toBeGreaterThan(0);
    expect(statusLines.filter((line) => !/^\s+(Compiling \S+ v\d|Finished `)/.test(line))).toEqual(
      [],
    );
    expect(sourceFiles(HOST_DIR)).toEqual(
      expect.arrayContaining([
        `${HOST_DIR}/c/crc32.c`,
        `${HOST_DIR}/src/main.rs`,
        `${HOST_DIR}/src/protocol.rs`,
        'examples/nostd-linux/src/entry.rs',
      ]),
    );
    expect(sourceFiles(LIB_DIR)).toEqual([`${LIB_DIR}/src/lib.rs`]);
    // The firmware uses the library through codec's path dependency on the renamed directory.
    expect(sourceFiles('examples/fw')).toEqual(
      expect.arrayContaining([
        'examples/fw/src/main.rs',
        'examples/fw/c/crc16.c',
        `${LIB_DIR}/src/lib.rs`,
      ]),
    );
    const escapedRoot = root.replaceAll("'", '&apos;').replaceAll('"', '&quot;');
    for (const projectDir of [HOST_DIR, LIB_DIR, 'examples/fw']) {
      const texts = reportTexts(projectDir);
      expect([...texts.keys()]).toEqual(
        expect.arrayContaining(['lcov.info', 'cobertura.xml', 'summary.json', 'html/index.html']),
      );
      for (const [file, text] of texts) {
        expect(
          text.includes(root) || text.includes(escapedRoot),
          `${projectDir}/${file} names the workspace path`,
        ).toBe(false);
      }
      const summary = JSON.parse(texts.get('summary.json') as string) as {
        files: { file: string }[];
        totals: { lines: { covered: number } };
      };
      expect(summary.files.map((f) => f.file)).toEqual(sourceFiles(projectDir));
      expect(summary.totals.lines.covered).toBeGreaterThan(0);
      // Each source's page lies under its workspace-relative path, and the index links to it by that path.
      for (const source of sourceFiles(projectDir)) {
        expect(texts.has(`html/coverage/${source}.html`), source).toBe(true);
        expect(texts.get('html/index.html')).toContain(
          `href='coverage/${source.replaceAll("'", '&apos;').replaceAll('"', '&quot;')}.html'`,
        );
      }
    }
    const counts = readFileSync(join(root, 'coverage', HOST_DIR, 'lcov.info'), 'utf8');
    expect(counts).toContain('FNDA:2002,crc32_update');
  });

  it('optimizes the host program with its profile: the PGO flags carry the odd paths through the rustc wrapper and into clang', () => {
    const result = runNx(['run', 'host-nostd:pgo', '--output-style=static'], { cwd: root });
    expect(result.code, result.output).toBe(0);
    const matched =
      /minicov: the profile matched (\d+) of the (\d+) functions that ran in training/.exec(
        result.output,
      );
    expect(matched?.[1]).toBe(matched?.[2]);
    expect(Number(matched?.[1])).toBeGreaterThan(0);
    const optimized = join(root, 'dist/minicov', HOST_DIR, 'pgo/optimized/host-nostd');
    mustRun(optimized, [join(marks, 'argv-optimized.profraw'), '10']);
  });
});

describe('arguments and patterns that look like shell syntax', () => {
  const manifest = () => join(root, HOST_DIR, 'Cargo.toml');
  let original: string;
  beforeAll(() => (original = readFileSync(manifest(), 'utf8')));
  afterAll(() => writeFileSync(manifest(), original));

  /** host-nostd's minicov settings with `settings` in place of its runner and runs lines. */
  function setRunSettings(settings: string): void {
    expect(original).toContain('runner = "host"\nruns = [["{profile}", "2000"]]');
    writeFileSync(
      manifest(),
      original.replace('runner = "host"\nruns = [["{profile}", "2000"]]', settings),
    );
  }

  it('pass from `runs` to the host program as plain arguments, and nothing runs them', () => {
    const extra = shellLikeArguments();
    setRunSettings(
      `runner = "host"\nruns = [[${['{profile}', '2000', ...extra].map(toml).join(', ')}]]`,
    );
    const result = coverage('host-nostd');
    expect(result.code, result.output).toBe(0);
    // The program ignores arguments after the second; the run line shows each as given.
    expect(result.output).toContain(`2000 ${extra.join(' ')}`);
    expect(shellFiles()).toEqual([]);
  });

  it("reach a command runner's program verbatim, after the command's own words with {bin} and {profile} expanded", () => {
    const recorder = join(marks, `argv recorder ${ODD}.cjs`);
    const record = join(marks, 'argv.jsonl');
    writeFileSync(
      recorder,
      `#!${process.execPath}\n` +
        "const { appendFileSync } = require('node:fs');\nconst { spawnSync } = require('node:child_process');\n" +
        `appendFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n` +
        "const [bin, , profile] = process.argv.slice(2);\nprocess.exit(spawnSync(bin, [profile], { stdio: 'inherit' }).status ?? 1);\n",
      { mode: 0o755 },
    );
    const extra = shellLikeArguments();
    setRunSettings(
      `runner = "command"\ncommand = [${[recorder, '{bin}', '--word $(touch x)'].map(toml).join(', ')}]\nruns = [[${['{profile}', ...extra].map(toml).join(', ')}]]`,
    );
    const result = coverage('host-nostd');
    expect(result.code, result.output).toBe(0);
    const calls = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);
    expect(calls).toHaveLength(1);
    const [bin, word, profile, ...rest] = calls[0] as string[];
    expect(bin).toBe(join(root, 'dist/minicov', HOST_DIR, 'coverage/build/host-nostd'));
    expect(word).toBe('--word $(touch x)');
    expect(
      profile?.startsWith(join(root, 'dist/minicov', HOST_DIR, 'coverage/.profiles.partial-')),
    ).toBe(true);
    expect(profile?.endsWith('/run-0/host-nostd.profraw')).toBe(true);
    expect(rest).toEqual(extra);
    expect(shellFiles()).toEqual([]);
    expect(readdirSync(join(root, 'dist/minicov', HOST_DIR, 'coverage/profiles/run-0'))).toEqual([
      'host-nostd.profraw',
    ]);
  });

  it('reach the report as include and exclude globs from the command line and from Cargo.toml, matched, never run', () => {
    writeFileSync(manifest(), original);
    const injected = `$(touch ${marks}/include)`;
    // After `--`: Nx would take --exclude for itself (docs/reports.md).
    const fromCli = coverage(
      'host-nostd',
      '--',
      `--include=${injected}`,
      `--include=${HOST_DIR}/**`,
      `--exclude=${HOST_DIR}/c/**`,
    );
    expect(fromCli.code, fromCli.output).toBe(0);
    expect(fromCli.output).toContain(`minicov: include pattern "${injected}" matches none of the`);
    expect(sourceFiles(HOST_DIR)).toEqual([
      `${HOST_DIR}/src/main.rs`,
      `${HOST_DIR}/src/protocol.rs`,
    ]);
    const backticks = `\`touch ${marks}/toml\`; echo`;
    writeFileSync(
      manifest(),
      `${original}\n[package.metadata.minicov.report]\ninclude = [${toml(backticks)}, ${toml(`${HOST_DIR}/c/*.c`)}]\n`,
    );
    const fromManifest = coverage('host-nostd');
    expect(fromManifest.code, fromManifest.output).toBe(0);
    expect(fromManifest.output).toContain(
      `minicov: include pattern "${backticks}" matches none of the`,
    );
    expect(sourceFiles(HOST_DIR)).toEqual([`${HOST_DIR}/c/crc32.c`]);
    expect(shellFiles()).toEqual([]);
  });
});

describe('a workspace whose path has a `%`', () => {
  let percentRoot: string;
  beforeAll(() => {
    percentRoot = copyWorkspace('ws 5%p', { parent, pluginTarball: packedPlugin() });
  });
  afterAll(() => removeWorkspaceCopy(percentRoot));

  it('reports a host program with its C module (the archiver runs from the build directory)', () => {
    const result = runNx(['run', 'host-nostd:coverage', '--output-style=static'], {
      cwd: percentRoot,
    });
    expect(result.code, result.output).toBe(0);
    expect(
      readFileSync(join(percentRoot, 'coverage/examples/host-nostd/lcov.info'), 'utf8'),
    ).toContain('SF:examples/host-nostd/c/crc32.c');
  });

  it('refuses a bare-metal build before cargo starts, since rust-lld cannot write under it', () => {
    const result = runNx(['run', 'fw:coverage-build', '--output-style=static'], {
      cwd: percentRoot,
    });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toMatch(
      /the build directory .*ws 5%p\/target\/minicov\/fw\/coverage contains "%", which rust-lld cannot write thumbv7m-none-eabi programs under/,
    );
    expect(result.output).not.toContain('Compiling');
  });
});
