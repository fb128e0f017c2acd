// The examples as a monorepo: Cargo path dependencies are Nx graph edges, and `nx affected -t coverage`
// runs exactly the projects that depend on what a commit changed.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nxTasks, runNx } from '../../../tools/testing/nx';
import { copyWorkspace, git, removeWorkspaceCopy } from '../../../tools/testing/workspace-copy';
import { packedPlugin } from '../../../tools/testing/packed-plugin';

let root: string;

beforeAll(() => {
  root = copyWorkspace('monorepo', { pluginTarball: packedPlugin() });
});

afterAll(() => removeWorkspaceCopy(root));

/** Appends a comment to `file` and commits it. */
function commitChange(file: string): void {
  appendFileSync(join(root, file), '\n// a change for nx affected\n');
  git(root, ['commit', '-q', '-am', `change ${file}`]);
}

/** The projects whose coverage tasks `nx affected -t coverage` ran for the last commit. */
function affectedCoverageRun(): string[] {
  const result = runNx(
    ['affected', '-t', 'coverage', '--base=HEAD~1', '--head=HEAD', '--output-style=static'],
    { cwd: root },
  );
  expect(result.code, result.output).toBe(0);
  return [
    ...new Set([...nxTasks(result.output).keys()].map((task) => task.split(':')[0] as string)),
  ].sort();
}

describe('the examples monorepo', () => {
  it('has a graph edge for every Cargo path dependency between projects', () => {
    const file = join(root, 'graph.json');
    const result = runNx(['graph', `--file=${file}`], { cwd: root });
    expect(result.code, result.output).toBe(0);
    const graph = JSON.parse(readFileSync(file, 'utf8')) as {
      graph: { dependencies: Record<string, { target: string; type: string }[]> };
    };
    const edges = Object.fromEntries(
      Object.entries(graph.graph.dependencies)
        .filter(([, targets]) => targets.length > 0)
        .map(([source, targets]) => [source, targets.map((edge) => edge.target).sort()]),
    );
    expect(edges).toEqual({
      codec: ['checksum', 'ringbuf'],
      driver: ['codec', 'fixedpoint'],
      fw: ['codec', 'driver', 'fixedpoint'],
    });
  });

  it('runs coverage for a changed leaf crate and exactly the projects that depend on it', () => {
    commitChange('examples/libs/ringbuf/src/lib.rs');
    expect(affectedCoverageRun()).toEqual(['codec', 'driver', 'fw', 'ringbuf']);
  });

  it('runs only the changed crate when nothing depends on it', () => {
    commitChange('examples/host-nostd/src/protocol.rs');
    expect(affectedCoverageRun()).toEqual(['host-nostd']);
  });
});
