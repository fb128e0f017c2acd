import { describe, expect, it } from 'vitest';
import { buildPlan, type BuildPlanInput } from './build-plan';

const base: BuildPlanInput = {
  kind: 'coverage',
  packageName: 'fw',
  bin: 'fw',
  target: 'thumbv7m-none-eabi',
  buildStd: 'core',
  instrumented: ['fw', 'codec'],
  targetDir: '/ws/target/minicov/fw/coverage',
  rustc: '/usr/bin/rustc',
  clang: '/usr/bin/clang-22',
  wrapper: '/ws/node_modules/minicov/bin/minicov-rustc-wrapper.sh',
  sysrootWrapper: '/ws/node_modules/minicov/bin/minicov-sysroot-wrapper.sh',
  stdSysroot: '/ws/target/minicov/.std/thumbv7m-none-eabi-0123/sysroot-4567',
};
const US = '\x1f';

describe('buildPlan', () => {
  it('records the workspace sources under the recorded root in coverage builds only (Rust and C)', () => {
    const recorded = { ...base, recordedRoot: '/ci/checkout one' };
    const coverage = buildPlan(recorded).env;
    expect(coverage.MINICOV_INSTRUMENT_RUSTFLAGS?.split(US)).toEqual(
      expect.arrayContaining([
        '--remap-path-prefix=/ci/checkout one=/minicov-workspace',
        '--remap-path-scope=coverage',
      ]),
    );
    expect(coverage.MINICOV_CFLAGS?.split(US)).toContain(
      '-fcoverage-prefix-map=/ci/checkout one=/minicov-workspace',
    );
    const pgo = buildPlan({ ...recorded, kind: 'pgo-generate' }).env;
    expect(`${pgo.MINICOV_INSTRUMENT_RUSTFLAGS}${pgo.MINICOV_CFLAGS}`).not.toMatch(
      /remap|prefix-map/,
    );
    const unscoped = buildPlan(base).env;
    expect(`${unscoped.MINICOV_INSTRUMENT_RUSTFLAGS}${unscoped.MINICOV_CFLAGS}`).not.toMatch(
      /remap|prefix-map/,
    );
  });

  it('builds one binary for an explicit target, with core prebuilt (never -Zbuild-std)', () => {
    expect(buildPlan(base).args).toEqual([
      'build',
      '--release',
      '-p',
      'fw',
      '--bin',
      'fw',
      '--target',
      'thumbv7m-none-eabi',
      '--target-dir',
      '/ws/target/minicov/fw/coverage',
      '-Zchecksum-freshness',
    ]);
  });

  it("gives every target crate the prebuilt standard library through the sysroot wrapper, then the user's own", () => {
    const { env } = buildPlan({ ...base, userRustcWrapper: '/usr/bin/sccache' });
    expect(env).toMatchObject({
      RUSTC_WRAPPER: base.sysrootWrapper,
      MINICOV_SYSROOT: base.stdSysroot,
      MINICOV_RUSTC_WRAPPER: '/usr/bin/sccache',
    });
    expect(() => buildPlan({ ...base, stdSysroot: undefined })).toThrow(
      /prebuilt standard library/,
    );
  });

  it("leaves the toolchain's libraries and the user's RUSTC_WRAPPER alone when the target has prebuilt libraries", () => {
    const { env } = buildPlan({ ...base, buildStd: undefined, stdSysroot: undefined });
    expect('RUSTC_WRAPPER' in env).toBe(false);
    expect('MINICOV_SYSROOT' in env).toBe(false);
  });

  it('hands the coverage flags to the wrapper for the named crates only, and v0 mangling to the rest', () => {
    const { env } = buildPlan(base);
    expect(env.RUSTC_WORKSPACE_WRAPPER).toBe(base.wrapper);
    expect(env.MINICOV_INSTRUMENT).toBe('fw,codec');
    expect(env.MINICOV_INSTRUMENT_RUSTFLAGS).toBe(
      [
        '-Cinstrument-coverage',
        '-Zno-profiler-runtime',
        '--cfg',
        'minicov',
        '-Csymbol-mangling-version=v0',
      ].join(US),
    );
    expect(env.MINICOV_PLAIN_RUSTFLAGS).toBe('-Csymbol-mangling-version=v0');
    expect(env.MINICOV_CFLAGS).toBe(`-fprofile-instr-generate${US}-fcoverage-mapping`);
    expect(env).toMatchObject({
      RUSTC: '/usr/bin/rustc',
      CC: '/usr/bin/clang-22',
      RUSTC_BOOTSTRAP: '1',
    });
    // Environment rustflags would reach core: they are removed, not passed on.
    expect('RUSTFLAGS' in env && env.RUSTFLAGS === undefined).toBe(true);
  });

  it('uses IR instrumentation for both languages in a PGO training build, and gives the link its --gc-sections back', () => {
    const { env } = buildPlan({ ...base, kind: 'pgo-generate' });
    expect(env.MINICOV_INSTRUMENT_RUSTFLAGS?.split(US)).toEqual([
      '-Cprofile-generate',
      '-Zno-profiler-runtime',
      '--cfg',
      'minicov',
      '-Csymbol-mangling-version=v0',
      '-Clink-arg=--gc-sections',
    ]);
    expect(env.MINICOV_CFLAGS).toBe('-fprofile-generate');
    const host = buildPlan({
      ...base,
      kind: 'pgo-generate',
      target: 'x86_64-unknown-linux-gnu',
      buildStd: undefined,
    });
    expect(host.env.MINICOV_INSTRUMENT_RUSTFLAGS?.split(US)).toContain(
      '-Clink-arg=-Wl,--gc-sections',
    );
  });

  it("adds minicov's linker fragment to instrumented links only, and the cfg to instrumented builds only", () => {
    const flags = (kind: BuildPlanInput['kind']) =>
      buildPlan({
        ...base,
        kind,
        profdata: '/p',
        linkFragment: true,
      }).env.MINICOV_INSTRUMENT_RUSTFLAGS?.split(US);
    expect(flags('coverage')).toContain('-Clink-arg=-Tminicov-profile-sections.x');
    expect(flags('pgo-generate')).toContain('-Clink-arg=-Tminicov-profile-sections.x');
    expect(flags('pgo-use')).not.toContain('-Clink-arg=-Tminicov-profile-sections.x');
    expect(flags('pgo-use')).not.toContain('minicov');
    expect(buildPlan(base).env.MINICOV_INSTRUMENT_RUSTFLAGS).not.toContain('-Tminicov');
  });

  it('keeps a profile path with spaces as one flag in the optimized build', () => {
    const { env } = buildPlan({ ...base, kind: 'pgo-use', profdata: '/my ws/merged.profdata' });
    expect(env.MINICOV_INSTRUMENT_RUSTFLAGS?.split(US)).toContain(
      '-Cprofile-use=/my ws/merged.profdata',
    );
    expect(env.MINICOV_CFLAGS?.split(US)).toContain('-fprofile-use=/my ws/merged.profdata');
  });

  it('names the binary cargo writes', () => {
    expect(buildPlan(base).binary).toBe(
      '/ws/target/minicov/fw/coverage/thumbv7m-none-eabi/release/fw',
    );
  });
});
