import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MinicovError } from '../errors';
import {
  demangleSymbols,
  functionNameOf,
  mangledPart,
  mangledSymbols,
  rewriteLcov,
  tidyDemangled,
} from './lcov-rewrite';

const V0 = '_RNvCs12jkoC9p3aE_1p7branchy';
const V0_METHOD = '_RNvMNtCs12jkoC9p3aE_1p5innerNtB2_1S2go';
const LEGACY = '_ZN1p7branchy17h0123456789abcdefE';
const CPP_STATIC = 't.cpp:_ZL6hiddeni';

describe('lcov name fields', () => {
  it('FN as llvm-cov 22 writes it', () => expect(functionNameOf(`FN:4,${V0}`)).toBe(V0));
  it('FN with an end line (lcov 2)', () => expect(functionNameOf('FN:4,9,loop7')).toBe('loop7'));
  it('FNDA', () => expect(functionNameOf('FNDA:7,main.c:twice')).toBe('main.c:twice'));
  it('FNA (lcov 2.2)', () => expect(functionNameOf('FNA:0,7,loop7')).toBe('loop7'));
  it('other lines have none', () => expect(functionNameOf('DA:4,1')).toBeUndefined());
  it('FNF is not a name line', () => expect(functionNameOf('FNF:4')).toBeUndefined());
});

describe('mangledPart', () => {
  it('Rust v0', () => expect(mangledPart(V0)).toEqual({ prefix: '', symbol: V0 }));
  it('Itanium / Rust legacy', () =>
    expect(mangledPart(LEGACY)).toEqual({ prefix: '', symbol: LEGACY }));
  it('C++ static function keeps its file prefix', () =>
    expect(mangledPart(CPP_STATIC)).toEqual({ prefix: 't.cpp:', symbol: '_ZL6hiddeni' }));
  it('C function is not mangled', () => expect(mangledPart('loop7')).toBeUndefined());
  it('C static function is not mangled', () => expect(mangledPart('main.c:twice')).toBeUndefined());
  it('names with spaces are never sent', () => expect(mangledPart('_Z foo')).toBeUndefined());
});

describe('tidyDemangled', () => {
  it('drops the legacy Rust hash', () =>
    expect(tidyDemangled(LEGACY, 'p::branchy::h0123456789abcdef')).toBe('p::branchy'));
  it('leaves v0 names alone', () => expect(tidyDemangled(V0, 'p::branchy')).toBe('p::branchy'));
  it('leaves C++ names alone', () => expect(tidyDemangled('_Z3fooi', 'foo(int)')).toBe('foo(int)'));
});

const LCOV = [
  'SF:/ws/app/src/main.c',
  'FN:3,main.c:twice',
  `FN:1,${CPP_STATIC}`,
  'FNDA:7,main.c:twice',
  `FNDA:1,${CPP_STATIC}`,
  'DA:3,7',
  'end_of_record',
  'SF:/ws/rs/p.rs',
  `FN:1,${V0}`,
  `FN:11,${V0_METHOD}`,
  `FNDA:7,${V0}`,
  `FNDA:1,${V0_METHOD}`,
  'end_of_record',
  'SF:/elsewhere/x.c',
  'end_of_record',
  '',
].join('\n');

describe('rewriteLcov', () => {
  const demangled = new Map([
    [V0, 'p::branchy'],
    [V0_METHOD, '<p::inner::S>::go'],
    ['_ZL6hiddeni', 'hidden(int)'],
  ]);
  const out = rewriteLcov(LCOV, { workspaceRoot: '/ws', demangled });
  it('collects each mangled symbol once, in order', () =>
    expect(mangledSymbols(LCOV)).toEqual(['_ZL6hiddeni', V0, V0_METHOD]));
  it('relativizes SF paths', () =>
    expect(out.split('\n').filter((l) => l.startsWith('SF:'))).toEqual([
      'SF:app/src/main.c',
      'SF:rs/p.rs',
      'SF:/elsewhere/x.c',
    ]));
  it('demangles FN and FNDA', () =>
    expect(out).toContain(
      'FN:1,p::branchy\nFN:11,<p::inner::S>::go\nFNDA:7,p::branchy\nFNDA:1,<p::inner::S>::go\n',
    ));
  it('keeps the file prefix of static functions', () =>
    expect(out).toContain('FN:1,t.cpp:hidden(int)\n'));
  it('leaves C names readable as they were', () =>
    expect(out).toContain('FN:3,main.c:twice\nFN:1,t.cpp:hidden(int)\nFNDA:7,main.c:twice\n'));
  it('changes nothing else', () => expect(out.split('\n').length).toBe(LCOV.split('\n').length));
});

describe('demangleSymbols (real llvm-cxxfilt-22)', () => {
  it('demangles v0, legacy and C++ in one run', async () => {
    const names = await demangleSymbols('llvm-cxxfilt-22', [
      V0,
      V0_METHOD,
      LEGACY,
      '_ZL6hiddeni',
      '_RINvCs1234_3foo3barlE',
    ]);
    expect([...names.values()]).toEqual([
      'p::branchy',
      '<p::inner::S>::go',
      'p::branchy',
      'hidden(int)',
      'foo::bar::<i32>',
    ]);
  });

  it('does not run at all without symbols', async () =>
    expect((await demangleSymbols('/nonexistent/cxxfilt', [])).size).toBe(0));

  it('refuses output it cannot pair with the input', async () => {
    const fake = join(mkdtempSync(join(tmpdir(), 'minicov-cxxfilt-')), 'cxxfilt');
    writeFileSync(fake, '#!/bin/sh\necho only-one-line\n');
    chmodSync(fake, 0o755);
    const error = await demangleSymbols(fake, [V0, LEGACY]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MinicovError);
    expect((error as Error).message).toContain('printed 1 lines for 2 symbols');
  });
});
