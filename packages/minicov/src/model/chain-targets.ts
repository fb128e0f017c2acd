// How a chain's targets are named: its final target (`coverage`, `pgo`, or the names the plugin's options give) and
// the steps before it, `<name>-build`, `<name>-run` and `<name>-merge`.
import type { Chain } from './output-layout';

/** A chain's step before its final target. */
export type ChainStep = 'build' | 'run' | 'merge';

/** The steps of a chain in order, then its final target (undefined). */
export const CHAIN_TARGET_ORDER: readonly (ChainStep | undefined)[] = [
  'build',
  'run',
  'merge',
  undefined,
];

/** The target of `step` in the chain whose final target is `chainTarget` (the final target itself without a step). */
export function chainStepTarget(chainTarget: string, step?: ChainStep): string {
  return step ? `${chainTarget}-${step}` : chainTarget;
}

/**
 * The chain's final target name, read from the name of the target running `ownStep` of it (`cov-run` → `cov`; the
 * final target's own name without a step). A name that does not end as the step's would falls back to `chain`'s
 * default name.
 */
export function chainTargetFrom(
  targetName: string | undefined,
  ownStep: ChainStep | undefined,
  chain: Chain,
): string {
  if (!targetName) return chain;
  if (!ownStep) return targetName;
  const suffix = `-${ownStep}`;
  return targetName.endsWith(suffix) && targetName.length > suffix.length
    ? targetName.slice(0, -suffix.length)
    : chain;
}
