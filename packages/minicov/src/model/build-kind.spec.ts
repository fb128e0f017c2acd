import { describe, expect, it } from 'vitest';
import { buildKindsOf, chainOfBuild } from './build-kind';

describe('buildKindsOf and chainOfBuild', () => {
  it("lists each chain's builds in the order the chain makes them", () => {
    expect(buildKindsOf('coverage')).toEqual(['coverage']);
    expect(buildKindsOf('pgo')).toEqual(['pgo-generate', 'pgo-use']);
  });

  it('gives every build back to the chain it came from', () => {
    expect(chainOfBuild('coverage')).toBe('coverage');
    expect(chainOfBuild('pgo-generate')).toBe('pgo');
    expect(chainOfBuild('pgo-use')).toBe('pgo');
  });
});
