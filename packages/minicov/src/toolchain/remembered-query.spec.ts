import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberedQuery } from './remembered-query';

let directory: string;
let previous: string | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'minicov-remembered-'));
  previous = process.env.MINICOV_PROBE_CACHE;
  process.env.MINICOV_PROBE_CACHE = join(directory, 'cache');
});

afterEach(() => {
  if (previous === undefined) delete process.env.MINICOV_PROBE_CACHE;
  else process.env.MINICOV_PROBE_CACHE = previous;
  rmSync(directory, { recursive: true, force: true });
});

/** A query that counts how often it really ran and answers with that count. */
function counter() {
  let asked = 0;
  return {
    ask: async () => ({ answer: ++asked }),
    get asked() {
      return asked;
    },
  };
}

describe('rememberedQuery', () => {
  it('answers from the cache while the files that decide the answer are unchanged', async () => {
    const tool = join(directory, 'tool');
    writeFileSync(tool, 'v1');
    const query = counter();
    const identity = { files: [tool], values: ['tool', '--version'] };
    expect(await rememberedQuery(identity, query.ask)).toEqual({ answer: 1 });
    expect(await rememberedQuery(identity, query.ask)).toEqual({ answer: 1 });
    expect(query.asked).toBe(1);
    // Another question of the same tool is its own entry.
    expect(await rememberedQuery({ ...identity, values: ['tool', '-vV'] }, query.ask)).toEqual({
      answer: 2,
    });
  });

  it('asks again when a file changes, appears or disappears', async () => {
    const tool = join(directory, 'tool');
    const pin = join(directory, 'rust-toolchain.toml');
    writeFileSync(tool, 'v1');
    const query = counter();
    const identity = { files: [tool, pin], values: [] };
    await rememberedQuery(identity, query.ask);
    writeFileSync(tool, 'v2');
    expect(await rememberedQuery(identity, query.ask)).toEqual({ answer: 2 });
    writeFileSync(pin, '[toolchain]\n');
    expect(await rememberedQuery(identity, query.ask)).toEqual({ answer: 3 });
    rmSync(pin);
    expect(await rememberedQuery(identity, query.ask)).toEqual({ answer: 4 });
    expect(await rememberedQuery(identity, query.ask)).toEqual({ answer: 4 });
  });

  it('checks the files an answer names, such as the sysroot rustc a proxy ran', async () => {
    const real = join(directory, 'rustc');
    writeFileSync(real, 'v1');
    const query = counter();
    const options = { answerFiles: () => [real] };
    await rememberedQuery({ files: [], values: ['proxy'] }, query.ask, options);
    await rememberedQuery({ files: [], values: ['proxy'] }, query.ask, options);
    writeFileSync(real, 'v2');
    expect(await rememberedQuery({ files: [], values: ['proxy'] }, query.ask, options)).toEqual({
      answer: 2,
    });
  });

  it('keeps no answer it is told not to keep, and none at all when turned off', async () => {
    const query = counter();
    const identity = { files: [], values: ['failing'] };
    await rememberedQuery(identity, query.ask, { keep: () => false });
    await rememberedQuery(identity, query.ask, { keep: () => false });
    expect(query.asked).toBe(2);
    process.env.MINICOV_PROBE_CACHE = 'off';
    await rememberedQuery({ files: [], values: ['off'] }, query.ask);
    await rememberedQuery({ files: [], values: ['off'] }, query.ask);
    expect(query.asked).toBe(4);
  });
});
