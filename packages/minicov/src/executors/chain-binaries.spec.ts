import { describe, expect, it } from 'vitest';
import { binaryOfProfile, coverageChainBinaries, runsHostTests } from './chain-binaries';

const build = '/w/dist/minicov/fw/coverage/build';
const profiles = '/w/dist/minicov/fw/coverage/profiles';

describe('chain binaries', () => {
  it('lists the program alone, or the program and its host unit tests with host-tests', () => {
    expect(coverageChainBinaries({ bin: 'fw' }, build)).toEqual([`${build}/fw`]);
    expect(coverageChainBinaries({ bin: 'fw', hostTests: false }, build)).toEqual([`${build}/fw`]);
    expect(coverageChainBinaries({ bin: 'fw', hostTests: true }, build)).toEqual([
      `${build}/fw`,
      `${build}/fw-host-tests`,
    ]);
  });

  it('runs host tests in the coverage chain only', () => {
    expect(runsHostTests({ bin: 'fw', hostTests: true }, 'coverage')).toBe(true);
    expect(runsHostTests({ bin: 'fw', hostTests: true }, 'pgo')).toBe(false);
    expect(runsHostTests({ bin: 'fw' }, 'coverage')).toBe(false);
  });

  it('names the binary that wrote each profile by its run directory', () => {
    const settings = { bin: 'fw', hostTests: true };
    expect(
      binaryOfProfile(settings, 'coverage', build, profiles, `${profiles}/run-0/fw.profraw`),
    ).toBe(`${build}/fw`);
    expect(
      binaryOfProfile(
        settings,
        'coverage',
        build,
        profiles,
        `${profiles}/host-tests/fw-host-tests-123_0.profraw`,
      ),
    ).toBe(`${build}/fw-host-tests`);
    // A run directory that merely starts with the same letters is still a program run.
    expect(
      binaryOfProfile(
        settings,
        'coverage',
        build,
        profiles,
        `${profiles}/host-tests-old/x.profraw`,
      ),
    ).toBe(`${build}/fw`);
    expect(
      binaryOfProfile(
        { bin: 'fw' },
        'coverage',
        build,
        profiles,
        `${profiles}/host-tests/x.profraw`,
      ),
    ).toBe(`${build}/fw`);
    expect(
      binaryOfProfile(settings, 'pgo', build, profiles, `${profiles}/host-tests/x.profraw`),
    ).toBe(`${build}/fw`);
  });
});
