// failUnder: compares a report's totals with the minimum percentages and says which measures fall short.
import { MinicovError } from '../errors';
import type { FailUncovered, FailUnder, ThresholdMeasure } from '../model/report-settings';
import { formatPercentBelow, reaches } from './percent';
import type { CoverageCountsByKind } from './summary';

/** One measure below its threshold. */
export interface ThresholdMiss {
  measure: ThresholdMeasure;
  percent: number;
  covered: number;
  count: number;
  threshold: number;
}

/** The report was written, but a total is below its failUnder threshold. */
export class CoverageBelowThresholdError extends MinicovError {}

/** The measures whose total percentage is below the threshold (a measure with nothing to cover never misses). */
export function thresholdMisses(
  totals: CoverageCountsByKind,
  failUnder: FailUnder,
): ThresholdMiss[] {
  const misses: ThresholdMiss[] = [];
  for (const [measure, threshold] of Object.entries(failUnder) as [ThresholdMeasure, number][]) {
    const counts = totals[measure];
    if (!counts || reaches(counts.covered, counts.count, threshold)) continue;
    misses.push({
      measure,
      percent: counts.percent,
      covered: counts.covered,
      count: counts.count,
      threshold,
    });
  }
  return misses;
}

/** Throws CoverageBelowThresholdError naming each measure, its value and its threshold; `what` names the report. */
export function enforceThresholds(
  totals: CoverageCountsByKind,
  failUnder: FailUnder,
  what: string,
  settingName: string,
): void {
  const misses = thresholdMisses(totals, failUnder);
  if (misses.length === 0) return;
  const lines = misses.map(
    (m) =>
      `${m.measure} ${formatPercentBelow(m.percent, m.threshold)}% (${m.covered}/${m.count}) is below failUnder.${m.measure} ${m.threshold}%`,
  );
  throw new CoverageBelowThresholdError(
    `coverage of ${what} is below its threshold${misses.length > 1 ? 's' : ''}:\n    ${lines.join('\n    ')}`,
    `cover more code (showMissingLines lists what is not covered), or lower ${settingName}`,
  );
}

/**
 * Warnings for thresholds on measures the build did not record (e.g. branches without branch coverage):
 * they cannot fail.
 */
export function warnUnmeasuredThresholds(
  totals: CoverageCountsByKind,
  failUnder: FailUnder,
  task: string,
): string[] {
  return (Object.keys(failUnder) as ThresholdMeasure[])
    .filter((measure) => !totals[measure] || totals[measure]?.count === 0)
    .map(
      (measure) =>
        `minicov: failUnder.${measure} of ${task} is not checked: the report has no ${measure} to measure`,
    );
}

/** The report was written, but a total leaves more uncovered than its failUncovered limit allows. */
export class TooMuchUncoveredError extends MinicovError {}

/** Throws TooMuchUncoveredError naming each measure, how much it leaves uncovered and its limit. */
export function enforceUncoveredLimits(
  totals: CoverageCountsByKind,
  failUncovered: FailUncovered,
  what: string,
  settingName: string,
): void {
  const over = (Object.entries(failUncovered) as [ThresholdMeasure, number][]).flatMap(
    ([measure, limit]) => {
      const counts = totals[measure];
      const uncovered = counts ? counts.count - counts.covered : 0;
      return uncovered > limit
        ? [
            `${measure}: ${uncovered} uncovered (${counts?.covered}/${counts?.count} covered), more than failUncovered.${measure} ${limit}`,
          ]
        : [];
    },
  );
  if (over.length === 0) return;
  throw new TooMuchUncoveredError(
    `coverage of ${what} leaves more uncovered than ${over.length > 1 ? 'its limits allow' : 'its limit allows'}:\n    ${over.join('\n    ')}`,
    `cover more code (showMissingLines lists what is not covered), or raise ${settingName}`,
  );
}
