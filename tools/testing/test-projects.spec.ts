// Keeps the test projects' lists true: every listed spec exists, and the e2e project holds exactly the end-to-end
// specs whose workspace copies share the cargo build directory.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './cargo';
import { REAL_TOOL_SPECS, SHARED_TARGET_E2E_SPECS } from './test-projects';

const E2E = 'packages/minicov-e2e/src';

describe('test projects', () => {
  it('list only specs that exist', () => {
    for (const spec of [...REAL_TOOL_SPECS, ...SHARED_TARGET_E2E_SPECS])
      expect(existsSync(join(repoRoot, spec)), spec).toBe(true);
  });

  it('put in the e2e project exactly the end-to-end specs that share target/e2e-shared', () => {
    const sharing = readdirSync(join(repoRoot, E2E))
      .filter((file) => file.endsWith('.spec.ts'))
      .filter((file) =>
        readFileSync(join(repoRoot, E2E, file), 'utf8').includes('sharedCargoTarget: true'),
      )
      .map((file) => `${E2E}/${file}`);
    expect([...SHARED_TARGET_E2E_SPECS].sort()).toEqual(sharing.sort());
  });
});
