import { describe, expect, it } from 'vitest';
import {
  classifySource,
  checkoutPath,
  describeRemoved,
  escapeEre,
  exactPathRegex,
  planSourceFilter,
  underDirRegex,
  workspaceRelative,
  type SourceFilter,
  type SourceFilterPlan,
} from './source-filter';

const filter: SourceFilter = { workspaceRoot: '/ws', runtimeDir: '/ws/runtime' };

/** What llvm-cov does with a plan's values: drops every file that any regex matches. */
const survivorsOf = (files: readonly string[], plan: SourceFilterPlan) =>
  files.filter((f) => !plan.ignoreRegexes.some((re) => new RegExp(re).test(f)));
const verdict = (file: string) => {
  const v = classifySource(file, filter);
  return v.kept ? 'kept' : v.reason;
};

describe('ERE builders', () => {
  it('escapes every ERE metacharacter', () =>
    expect(escapeEre('a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o')).toBe(
      'a\\.b\\*c\\+d\\?e\\(f\\)g\\[h\\]i\\{j\\}k\\|l\\^m\\$n\\\\o',
    ));
  it('leaves ordinary path characters alone', () =>
    expect(escapeEre('/home/ci/my-proj_2/src/x,y=z ~@')).toBe('/home/ci/my-proj_2/src/x,y=z ~@'));
  it('anchors an exact path', () => expect(exactPathRegex('/ws/a.c')).toBe('^/ws/a\\.c$'));
  it('matches inside a directory only', () =>
    expect(underDirRegex('/ws/run.time/')).toBe('^/ws/run\\.time/'));
  it('escaped regexes match the literal path in JavaScript too', () =>
    expect(new RegExp(exactPathRegex('/w (1)+[x]/a.c')).test('/w (1)+[x]/a.c')).toBe(true));
  it('escaped regexes do not match look-alikes', () =>
    expect(new RegExp(exactPathRegex('/ws/a.c')).test('/ws/abc')).toBe(false));
});

describe('workspaceRelative', () => {
  it('relativizes a file under the root', () =>
    expect(workspaceRelative('/ws/app/src/main.c', '/ws')).toBe('app/src/main.c'));
  it('rejects a sibling sharing the prefix', () =>
    expect(workspaceRelative('/ws2/main.c', '/ws')).toBeUndefined());
  it('rejects the root itself', () => expect(workspaceRelative('/ws', '/ws')).toBeUndefined());
  it('normalizes dot segments', () =>
    expect(workspaceRelative('/ws/app/../lib/x.rs', '/ws')).toBe('lib/x.rs'));
  it('takes relative paths as workspace-relative', () =>
    expect(workspaceRelative('./app/x.rs', '/ws')).toBe('app/x.rs'));
  it('rejects a relative path that climbs out', () =>
    expect(workspaceRelative('../x.rs', '/ws')).toBeUndefined());
});

describe('classifySource', () => {
  it('keeps workspace sources', () => expect(verdict('/ws/app/src/main.rs')).toBe('kept'));
  it('keeps relative (workspace-relative) sources', () =>
    expect(verdict('app/src/main.rs')).toBe('kept'));
  it('keeps a file merely named target', () =>
    expect(verdict('/ws/app/src/target.rs')).toBe('kept'));
  it('drops the runtime', () => expect(verdict('/ws/runtime/src/lib.rs')).toBe('runtime'));
  it('drops the runtime given relatively', () =>
    expect(verdict('runtime/c/prf.c')).toBe('runtime'));
  it('drops remapped Rust std sources', () =>
    expect(
      verdict('/rustc/17067e9ac6d7e98f18d4ee3e4de2a8e4bfa8b3b1/library/core/src/fmt/mod.rs'),
    ).toBe('rust-toolchain'));
  it('drops rustup rust-src sources', () =>
    expect(
      verdict('/root/.rustup/toolchains/stable/lib/rustlib/src/rust/library/core/src/lib.rs'),
    ).toBe('rust-toolchain'));
  it('drops Debian rust-src sources', () =>
    expect(verdict('/usr/lib/rustlib/src/rust/library/alloc/src/vec/mod.rs')).toBe(
      'rust-toolchain',
    ));
  it('drops registry crates', () =>
    expect(
      verdict(
        '/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cortex-m-0.7.7/src/lib.rs',
      ),
    ).toBe('cargo-registry'));
  it('drops git dependencies', () =>
    expect(verdict('/root/.cargo/git/checkouts/hal-1a2b/abc/src/lib.rs')).toBe('cargo-registry'));
  it('drops files outside the workspace', () =>
    expect(verdict('/opt/sdk/startup.c')).toBe('outside-workspace'));
  it('drops a sibling checkout sharing the prefix', () =>
    expect(verdict('/ws-old/app/src/main.rs')).toBe('outside-workspace'));
  it('drops build-script output', () =>
    expect(verdict('/ws/target/thumbv7em-none-eabihf/debug/build/app-1f2e/out/gen.rs')).toBe(
      'build-dir',
    ));
  it('drops nested target dirs', () =>
    expect(verdict('/ws/examples/blinky/target/debug/build/x/out/a.rs')).toBe('build-dir'));
  it('drops cargo vendor sources', () =>
    expect(verdict('/ws/vendor/heapless/src/lib.rs')).toBe('vendored'));
  it('drops node_modules sources', () =>
    expect(verdict('/ws/node_modules/pkg/src/x.c')).toBe('vendored'));
});

describe('planSourceFilter', () => {
  const files = [
    '/ws/app/src/main.rs',
    '/ws/runtime/src/lib.rs',
    '/rustc/0123456789abcdef/library/core/src/lib.rs',
    '/opt/sdk/startup.c',
    '/ws/target/debug/build/x/out/gen.rs',
    '/ws/lib/a.c',
  ];
  const plan = planSourceFilter(files, filter);
  const survivors = survivorsOf(files, plan);

  it('keeps the workspace sources', () =>
    expect(plan.kept).toEqual(['/ws/app/src/main.rs', '/ws/lib/a.c']));
  it('groups removed files by filter', () =>
    expect([...plan.removed.keys()]).toEqual([
      'runtime',
      'rust-toolchain',
      'outside-workspace',
      'build-dir',
    ]));
  it('gives llvm-cov regexes that reproduce the split', () => expect(survivors).toEqual(plan.kept));
  it('names leftovers exactly and whole filters once', () =>
    expect(plan.ignoreRegexes).toEqual([
      '^/ws/runtime/',
      '^/minicov-workspace/runtime/',
      '^/rustc/[0-9a-f]{7,}/',
      '/lib/rustlib/src/',
      '/\\.cargo/(registry|git)/',
      '^/opt/sdk/startup\\.c$',
      '^/ws/target/debug/build/x/out/gen\\.rs$',
    ]));
  it('describes what each filter removed', () =>
    expect(describeRemoved(plan.removed)[0]).toBe(
      '1 × sources of the minicov runtime (runtimeDir): /ws/runtime/src/lib.rs',
    ));
  it('abbreviates long lists', () =>
    expect(describeRemoved(new Map([['vendored', ['a', 'b', 'c', 'd']]]))).toEqual([
      '4 × vendored sources (vendor/, node_modules/): a, b, c, …',
    ]));
});

describe('sources named under the recorded workspace root (coverage builds made in any checkout)', () => {
  const filter = { workspaceRoot: '/ws', runtimeDir: '/ws/runtime' };
  const files = [
    '/minicov-workspace/app/src/main.rs',
    '/minicov-workspace/runtime/src/lib.rs',
    '/minicov-workspace/target/thumbv7m-none-eabi/release/build/fw/out/gen.rs',
    '/minicov-workspace/vendor/cortex-m/src/lib.rs',
    '/other-checkout/app/src/main.rs',
  ];
  const plan = planSourceFilter(files, filter);
  const survivors = survivorsOf(files, plan);

  it('reads them as the same files under this checkout', () => {
    expect(workspaceRelative('/minicov-workspace/app/src/main.rs', '/ws')).toBe('app/src/main.rs');
    expect(checkoutPath('/minicov-workspace/app/src/main.rs', '/ws')).toBe('/ws/app/src/main.rs');
    expect(workspaceRelative('/minicov-workspaces/app/src/main.rs', '/ws')).toBeUndefined();
  });
  it('keeps the workspace sources under their recorded names, which llvm-cov prints', () =>
    expect(plan.kept).toEqual(['/minicov-workspace/app/src/main.rs']));
  it('sorts the rest by the same filters as paths of this checkout', () =>
    expect(Object.fromEntries(plan.removed)).toEqual({
      runtime: ['/minicov-workspace/runtime/src/lib.rs'],
      'build-dir': ['/minicov-workspace/target/thumbv7m-none-eabi/release/build/fw/out/gen.rs'],
      vendored: ['/minicov-workspace/vendor/cortex-m/src/lib.rs'],
      'outside-workspace': ['/other-checkout/app/src/main.rs'],
    }));
  it('gives llvm-cov regexes over the recorded names', () => expect(survivors).toEqual(plan.kept));
});
