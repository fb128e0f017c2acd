// The builds minicov makes, derived from the chains users type: one vocabulary for instrument, optimize and the flags.
import type { Chain } from './output-layout';

/** Each chain's builds: coverage instruments; PGO instruments (generate), then optimizes with the profile (use). */
const BUILD_KINDS_OF = {
  coverage: ['coverage'],
  pgo: ['pgo-generate', 'pgo-use'],
} as const satisfies Record<Chain, readonly string[]>;

/** Which build a step makes. */
export type BuildKind = (typeof BUILD_KINDS_OF)[Chain][number];

/** The builds that instrument a chain's program (what `instrument` makes); the other one reads a profile. */
export const INSTRUMENTED_BUILD_KINDS = [
  'coverage',
  'pgo-generate',
] as const satisfies readonly BuildKind[];

/** A build that instruments the program. */
export type InstrumentedBuildKind = (typeof INSTRUMENTED_BUILD_KINDS)[number];

/** The builds of `chain`, in the order the chain makes them. */
export function buildKindsOf(chain: Chain): readonly BuildKind[] {
  return BUILD_KINDS_OF[chain];
}

/** The chain a build belongs to (and whose output layout it writes into). */
export function chainOfBuild(kind: BuildKind): Chain {
  return (Object.keys(BUILD_KINDS_OF) as Chain[]).find((chain) =>
    buildKindsOf(chain).includes(kind),
  ) as Chain;
}

/** Every cargo build minicov makes: a chain's, or the crate as it ships (`plain`), which the cost report compares. */
export type CargoBuildKind = BuildKind | 'plain';
