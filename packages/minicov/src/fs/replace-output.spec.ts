import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../../../../tools/testing/failure';
import { removeAbandonedSiblings, siblingPath } from './output-siblings';
import { replaceOutput } from './replace-output';
import { swapIntoPlace } from './swap-into-place';

const tmp = mkdtempSync(join(tmpdir(), 'minicov-replace-output-'));
let case_ = 0;
/** A fresh directory holding the output `name` of one test. */
function place(name = 'profiles'): { dir: string; output: string } {
  const dir = join(tmp, `case-${(case_ += 1)}`);
  mkdirSync(dir);
  return { dir, output: join(dir, name) };
}

/** The id of a process that has exited (and was reaped), so it no longer runs. */
function deadPid(): number {
  const result = spawnSync('true');
  if (result.pid === undefined) throw new Error('cannot start true');
  return result.pid;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('replaceOutput', () => {
  it('writes into a staging path beside the output and moves it in whole, replacing the previous output', async () => {
    const { dir, output } = place();
    mkdirSync(join(output, 'run-0'), { recursive: true });
    writeFileSync(join(output, 'run-0', 'old.profraw'), 'old');
    let seenDuringWrite: string[] = [];
    await replaceOutput(output, async (staging) => {
      expect(
        staging.startsWith(
          join(dir, `.profiles.partial-${String(process.pid).padStart(10, '0')}-`),
        ),
      ).toBe(true);
      expect(existsSync(staging)).toBe(false);
      await mkdir(join(staging, 'run-0'), { recursive: true });
      await writeFile(join(staging, 'run-0', 'new.profraw'), 'new');
      seenDuringWrite = readdirSync(join(output, 'run-0'));
    });
    // The previous output stays whole until the new one is complete.
    expect(seenDuringWrite).toEqual(['old.profraw']);
    expect(readdirSync(join(output, 'run-0'))).toEqual(['new.profraw']);
    expect(readdirSync(dir)).toEqual(['profiles']);
  });

  it('replaces a file output in one rename', async () => {
    const { dir, output } = place('merged.profdata');
    writeFileSync(output, 'old');
    await replaceOutput(output, (staging) => writeFile(staging, 'new'));
    expect(readFileSync(output, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['merged.profdata']);
  });

  it('removes the staging path and the previous output when the step fails, and passes the error on', async () => {
    const { dir, output } = place();
    mkdirSync(output);
    writeFileSync(join(output, 'old.profraw'), 'old');
    const thrown = new Error('the run failed');
    const error = await failure(
      replaceOutput(output, async (staging) => {
        await mkdir(staging);
        await writeFile(join(staging, 'half.profraw'), 'half');
        throw thrown;
      }),
    );
    expect(error).toBe(thrown);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the previous output whole when a failed step asks for it, removing only the staging path', async () => {
    const { dir, output } = place();
    mkdirSync(output);
    writeFileSync(join(output, 'index.html'), 'previous report');
    const thrown = new Error('llvm-cov failed');
    const error = await failure(
      replaceOutput(
        output,
        async (staging) => {
          await mkdir(staging);
          await writeFile(join(staging, 'index.html'), 'half');
          throw thrown;
        },
        'keep-previous',
      ),
    );
    expect(error).toBe(thrown);
    expect(readdirSync(dir)).toEqual(['profiles']);
    expect(readFileSync(join(output, 'index.html'), 'utf8')).toBe('previous report');
  });

  it('asks a policy function at the failure, not before the write', async () => {
    const { output } = place();
    mkdirSync(output);
    writeFileSync(join(output, 'run-0.profraw'), 'previous');
    let stopping = false;
    await failure(
      replaceOutput(
        output,
        async () => {
          stopping = true; // a signal arrives while the step writes
          throw new Error('QEMU stopped');
        },
        () => (stopping ? 'keep-previous' : 'remove'),
      ),
    );
    expect(readFileSync(join(output, 'run-0.profraw'), 'utf8')).toBe('previous');
  });

  it('gives two concurrent writers of one output in one process their own staging paths; the last to finish stays', async () => {
    const { dir, output } = place();
    const stagings: string[] = [];
    const writer = (name: string, ms: number) =>
      replaceOutput(output, async (staging) => {
        stagings.push(staging);
        await mkdir(staging);
        await writeFile(join(staging, `${name}.profraw`), name);
        await tick(ms);
        // Nothing the other writer did reached this staging directory.
        expect(await readdir(staging)).toEqual([`${name}.profraw`]);
      });
    await Promise.all([writer('first', 150), writer('second', 50)]);
    expect(new Set(stagings).size).toBe(2);
    expect(readdirSync(output)).toEqual(['first.profraw']);
    expect(readdirSync(dir)).toEqual(['profiles']);
  });

  it('removes staging paths left by processes that are gone, saying so, and keeps those of live processes', async () => {
    const { dir, output } = place();
    const dead = deadPid();
    const live = spawn('sleep', ['30']);
    try {
      const abandoned = [
        `.profiles.partial-${dead}-0a1b2c`,
        `.profiles.partial-${dead}`,
        `.profiles.previous-${dead}-77`,
      ];
      for (const name of abandoned) mkdirSync(join(dir, name, 'run-0'), { recursive: true });
      writeFileSync(join(dir, `.profiles.partial-${dead}-0a1b2c`, 'run-0', 'fw.profraw'), 'half');
      const busy = `.profiles.partial-${live.pid}-3d4e`;
      mkdirSync(join(dir, busy));
      const other = `.profilesx.partial-${dead}-99`;
      mkdirSync(join(dir, other));
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      await replaceOutput(output, (staging) => mkdir(staging));
      expect(readdirSync(dir).sort()).toEqual([busy, other, 'profiles'].sort());
      const said = log.mock.calls.map((call) => String(call[0]));
      for (const name of abandoned)
        expect(said).toContain(
          `minicov: removed ${join(dir, name)}, left by an interrupted step whose process is gone`,
        );
      expect(said).toHaveLength(abandoned.length);
    } finally {
      live.kill();
    }
  });
});

describe('siblingPath and removeAbandonedSiblings', () => {
  it('names a new path on every call, owned by this process, always of the same length', () => {
    const first = siblingPath('/w/dist/profiles', 'partial');
    expect(first).toMatch(
      new RegExp(`^/w/dist/\\.profiles\\.partial-0*${process.pid}-[0-9a-f]{12}$`),
    );
    expect(first).toHaveLength('/w/dist/.profiles.partial-'.length + 10 + 1 + 12);
    expect(siblingPath('/w/dist/profiles', 'partial')).not.toBe(first);
    expect(siblingPath('/w/dist/merged.profdata', 'previous')).toMatch(
      /^\/w\/dist\/\.merged\.profdata\.previous-\d{10}-[0-9a-f]{12}$/,
    );
  });

  it("never removes this process's own siblings or names it does not own", async () => {
    const { dir, output } = place();
    const mine = siblingPath(output, 'partial');
    mkdirSync(mine);
    for (const name of [
      '.profiles.partial-XyZ123',
      '.profiles.partial-',
      'profiles.partial-1',
      '.profiles.other-1-ab',
    ])
      mkdirSync(join(dir, name));
    expect(await removeAbandonedSiblings(output)).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(5);
  });

  it("finds nothing when the output's directory does not exist yet", async () => {
    expect(await removeAbandonedSiblings(join(tmp, 'missing', 'profiles'))).toEqual([]);
  });
});

describe('swapIntoPlace', () => {
  it('moves a directory onto a missing, an empty and a full directory', async () => {
    const { dir, output } = place();
    for (const previous of ['missing', 'empty', 'full']) {
      rmSync(output, { recursive: true, force: true });
      if (previous !== 'missing') mkdirSync(output);
      if (previous === 'full') writeFileSync(join(output, 'old'), 'old');
      const staging = siblingPath(output, 'partial');
      mkdirSync(staging);
      writeFileSync(join(staging, previous), previous);
      await swapIntoPlace(staging, output);
      expect(readdirSync(output)).toEqual([previous]);
      expect(readdirSync(dir)).toEqual(['profiles']);
    }
  });

  it('replaces a file with a directory and a directory with a file', async () => {
    const { dir, output } = place('out');
    writeFileSync(output, 'file');
    const asDirectory = siblingPath(output, 'partial');
    mkdirSync(asDirectory);
    await swapIntoPlace(asDirectory, output);
    expect(readdirSync(output)).toEqual([]);
    const asFile = siblingPath(output, 'partial');
    writeFileSync(asFile, 'file again');
    await swapIntoPlace(asFile, output);
    expect(readFileSync(output, 'utf8')).toBe('file again');
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('lets many concurrent swaps of one directory all complete, leaving one whole output', async () => {
    const { dir, output } = place();
    const stagings = Array.from({ length: 12 }, (_, index) => {
      const staging = siblingPath(output, 'partial');
      mkdirSync(join(staging, 'run-0'), { recursive: true });
      writeFileSync(join(staging, 'run-0', 'p.profraw'), String(index));
      return staging;
    });
    await Promise.all(stagings.map((staging) => swapIntoPlace(staging, output)));
    expect(readdirSync(join(output, 'run-0'))).toEqual(['p.profraw']);
    expect(Number(readFileSync(join(output, 'run-0', 'p.profraw'), 'utf8'))).toBeGreaterThanOrEqual(
      0,
    );
    expect(readdirSync(dir)).toEqual(['profiles']);
  });

  it('names both paths when the move is impossible, and leaves the output that was there', async () => {
    const { dir, output } = place();
    mkdirSync(output);
    writeFileSync(join(output, 'old'), 'old');
    const missing = join(dir, '.profiles.partial-1-00');
    const error = await failure(swapIntoPlace(missing, output));
    expect(error.message).toContain(`cannot move ${missing} to ${output}: ENOENT`);
    expect(error.message).toContain(`fix: check that ${dir} is writable`);
    expect(readdirSync(output)).toEqual(['old']);
  });
});
