// Which binaries a crate's chain has (the program, and its library's host unit tests with `host-tests`)
// and which one wrote a profile.
import { join, relative, sep } from 'node:path';
import { HOST_TESTS_RUN_DIR, hostTestsBinaryName, type Chain } from '../model/output-layout';

/** The settings that decide a chain's binaries. */
export interface ChainBinarySettings {
  bin: string;
  hostTests?: boolean;
}

/**
 * Whether `chain` also builds and runs the library's host unit tests: coverage only, PGO trains on the program alone.
 */
export function runsHostTests(settings: ChainBinarySettings, chain: Chain): boolean {
  return settings.hostTests === true && chain === 'coverage';
}

/**
 * Every binary of the crate's coverage chain in its build output `buildDir`:
 * the program, then the host unit tests if any.
 */
export function coverageChainBinaries(settings: ChainBinarySettings, buildDir: string): string[] {
  const program = join(buildDir, settings.bin);
  return runsHostTests(settings, 'coverage')
    ? [program, join(buildDir, hostTestsBinaryName(settings.bin))]
    : [program];
}

/**
 * The binary that wrote `profile`, a file under the chain's `profilesDir`:
 * the host unit tests for their run directory, else the program.
 */
export function binaryOfProfile(
  settings: ChainBinarySettings,
  chain: Chain,
  buildDir: string,
  profilesDir: string,
  profile: string,
): string {
  const fromHostTests =
    runsHostTests(settings, chain) &&
    relative(profilesDir, profile).split(sep)[0] === HOST_TESTS_RUN_DIR;
  return join(buildDir, fromHostTests ? hostTestsBinaryName(settings.bin) : settings.bin);
}
