// What `nx run <project>:pgo` printed about the profile's match: how many functions matched, how many ran,
// which did not.
import { expect } from 'vitest';

/** The "matched M of N" figures and the "not matched:" names of an optimize step's output. */
export function pgoFigures(output: string): { matched: number; ran: number; unmatched: string[] } {
  const figures = /the profile matched (\d+) of the (\d+) functions that ran in training/.exec(
    output,
  );
  expect(figures, output).not.toBeNull();
  const unmatched = [...output.matchAll(/^\s*not matched: (\S+)$/gm)].map(
    (match) => match[1] as string,
  );
  return { matched: Number(figures?.[1]), ran: Number(figures?.[2]), unmatched };
}

/**
 * Checks that every function that ran matched, but the one that holds the cfg(minicov) capture: it is the
 * one function whose body differs between the training build and the optimized build.
 */
export function expectAllMatchedButCapture(output: string, captureFunction: string): void {
  const { matched, ran, unmatched } = pgoFigures(output);
  expect(ran, output).toBeGreaterThan(3);
  expect(unmatched, output).toHaveLength(1);
  expect(unmatched[0], output).toContain(captureFunction);
  expect(matched, output).toBe(ran - 1);
}
