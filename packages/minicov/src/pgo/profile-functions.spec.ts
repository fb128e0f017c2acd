import { describe, expect, it } from 'vitest';
import { parseShowFunctions, ranButUnmatched, unmatchedFunctions } from './profile-functions';

// Recorded from llvm-profdata-22 show --all-functions --counts (IR PGO, then front-end coverage).
const IR_SHOW = `Counters:
  memcmp:
    Hash: 0x0f9bab17c234d881
    Counters: 3
    Block counts: [0, 0, 0]
  _RNvNtCsbPuEOUP8IQT_11nostd_linux7syscall9write_all:
    Hash: 0x0bb9fb606fe9ca91
    Counters: 4
    Block counts: [0, 2, 0, 1]
  crc32_update:
    Hash: 0x0000000000000400
    Counters: 2
    Block counts: [9, 72]
Instrumentation level: IR  entry_first = 0
`;
const FE_SHOW = `Counters:
  fw_main:
    Hash: 0x0000000000000000
    Counters: 1
    Function count: 1
    Block counts: []
`;

// Recorded from cargo building host-nostd with -Cprofile-use and the wrong symbol mangling.
const WRONG_MANGLING = `warning: nostd_linux.89cc3d0b8b2ab9f1-cgu.0: no profile data available for function _ZN11nostd_linux7syscall9write_all17h149565162fe82629E Hash = 844982796721703569 up to 0 count discarded

warning: host_nostd.b73226443c5a44de-cgu.0: Profile in app_main partially ignored, possibly due to the lack of a return path.
`;

describe('profile functions', () => {
  it('reads names, hashes and the largest counter of IR and front-end profiles', () => {
    expect(parseShowFunctions(IR_SHOW)).toEqual([
      { name: 'memcmp', hash: 0x0f9bab17c234d881n, count: 0 },
      {
        name: '_RNvNtCsbPuEOUP8IQT_11nostd_linux7syscall9write_all',
        hash: 0x0bb9fb606fe9ca91n,
        count: 2,
      },
      { name: 'crc32_update', hash: 0x400n, count: 72 },
    ]);
    expect(parseShowFunctions(FE_SHOW)).toEqual([{ name: 'fw_main', hash: 0n, count: 1 }]);
  });

  it('collects the names and hashes the compiler could not match', () => {
    const unmatched = unmatchedFunctions(WRONG_MANGLING);
    expect([...unmatched.names]).toEqual([
      '_ZN11nostd_linux7syscall9write_all17h149565162fe82629E',
    ]);
    expect([...unmatched.hashes]).toEqual([844982796721703569n]);
  });

  it('counts a function as unmatched when its name changed but its control-flow hash did not (the mangling trap)', () => {
    const ran = parseShowFunctions(IR_SHOW).filter((fn) => fn.count > 0);
    expect(0x0bb9fb606fe9ca91n).toBe(844982796721703569n);
    expect(ranButUnmatched(ran, unmatchedFunctions(WRONG_MANGLING)).map((fn) => fn.name)).toEqual([
      '_RNvNtCsbPuEOUP8IQT_11nostd_linux7syscall9write_all',
    ]);
    expect(ranButUnmatched(ran, unmatchedFunctions(''))).toEqual([]);
  });

  it('names the function of a hash mismatch, and does not take its hash for others (trivial functions share one)', () => {
    const ran = [
      { name: 'fw::profile::write_or_exit', hash: 5n, count: 1 },
      { name: 'fw::telemetry::small', hash: 742261418966908927n, count: 9 },
    ];
    const output =
      'warning: fw-cgu.0: function control flow change detected (hash mismatch) fw::profile::write_or_exit Hash = 742261418966908927 up to 1 count discarded';
    expect(ranButUnmatched(ran, unmatchedFunctions(output)).map((fn) => fn.name)).toEqual([
      'fw::profile::write_or_exit',
    ]);
  });

  it('matches a C static function named file.c;name in the profile by its plain name', () => {
    const ran = [{ name: 'crc.c;update', hash: 1n, count: 3 }];
    expect(
      ranButUnmatched(
        ran,
        unmatchedFunctions('no profile data available for function update Hash = 9'),
      ),
    ).toHaveLength(1);
  });
});
