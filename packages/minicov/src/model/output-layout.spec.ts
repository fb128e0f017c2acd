import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHAINS,
  chainPaths,
  projectOutputDir,
  WORKSPACE_REPORT_PATHS,
  type ChainPaths,
} from './output-layout';

/** One output path and whose it is. */
interface Owned {
  owner: string;
  what: string;
  path: string;
}

/** Every path the steps of the project at `root` write, both chains. */
function projectPaths(root: string, name: string): Owned[] {
  const perChain = CHAINS.flatMap((chain) =>
    Object.entries(chainPaths(root, name, chain) satisfies ChainPaths)
      .filter(([what]) => what !== 'plainCargoTargetDir')
      .map(([what, path]) => ({ owner: root, what: `${chain}.${what}`, path })),
  );
  // The plain build is the crate as it ships, one for both chains.
  const plain = chainPaths(root, name, 'coverage').plainCargoTargetDir;
  return [...perChain, { owner: root, what: 'plainCargoTargetDir', path: plain }];
}

const workspacePaths: Owned[] = [
  { owner: 'workspace report', what: 'result', path: WORKSPACE_REPORT_PATHS.result },
  { owner: 'workspace report', what: 'dist', path: WORKSPACE_REPORT_PATHS.dist },
];

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}/`);

/** Every pair of paths of different places that are equal or one inside the other. */
function overlaps(paths: readonly Owned[]): [Owned, Owned][] {
  const found: [Owned, Owned][] = [];
  paths.forEach((a, i) =>
    paths.slice(i + 1).forEach((b) => {
      if (within(a.path, b.path) || within(b.path, a.path)) found.push([a, b]);
    }),
  );
  return found;
}

/** `ancestor` is a directory above `root` (the workspace root '.' is above none: it has its own directory). */
const isAncestor = (ancestor: string, root: string) =>
  ancestor !== '.' && root.startsWith(`${ancestor}/`);

// Segments that collide with the layout's own names, and ordinary ones.
const segment = fc.constantFrom(
  'workspace',
  '_workspace',
  '__workspace',
  'root',
  '_root',
  '__root',
  'coverage',
  'pgo',
  'build',
  '_build',
  'profiles',
  'profiles-rejected',
  'merged.profdata',
  'optimized',
  'host-tests',
  'dist',
  'minicov',
  'target',
  'fw',
  'a',
  'b',
);
const root = fc.oneof(
  { weight: 1, arbitrary: fc.constant('.') },
  {
    weight: 9,
    arbitrary: fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
  },
);
// Cargo package names (letters, digits, `-`, `_`), with some that are also layout names.
const name = fc.oneof(
  fc.constantFrom('workspace', 'coverage', 'pgo', 'coverage-use', 'pgo-host-tests', 'root'),
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,6}$/),
);
const projects = fc
  .tuple(
    fc.uniqueArray(root, { minLength: 1, maxLength: 8 }),
    fc.uniqueArray(name, { minLength: 8, maxLength: 8 }),
  )
  .map(([roots, names]) =>
    roots.map((path, index) => ({ root: path, name: names[index] as string })),
  );

const allPaths = (list: { root: string; name: string }[]) => [
  ...workspacePaths,
  ...list.flatMap((project) => projectPaths(project.root, project.name)),
];

describe('output layout', () => {
  it('keeps the paths of ordinary crates', () => {
    expect(chainPaths('examples/fw', 'fw', 'coverage')).toEqual({
      build: 'dist/minicov/examples/fw/coverage/build',
      profiles: 'dist/minicov/examples/fw/coverage/profiles',
      rejectedProfiles: 'dist/minicov/examples/fw/coverage/profiles-rejected',
      merged: 'dist/minicov/examples/fw/coverage/merged.profdata',
      result: 'coverage/examples/fw',
      cargoTargetDir: 'target/minicov/fw/coverage',
      hostTestsCargoTargetDir: 'target/minicov/fw/coverage-host-tests',
      profileUseCargoTargetDir: 'target/minicov/fw/coverage-use',
      plainCargoTargetDir: 'target/minicov/fw/plain',
    });
    expect(chainPaths('fw', 'fw', 'pgo')).toMatchObject({
      build: 'dist/minicov/fw/pgo/build',
      result: 'dist/minicov/fw/pgo/optimized',
      profileUseCargoTargetDir: 'target/minicov/fw/pgo-use',
      plainCargoTargetDir: 'target/minicov/fw/plain',
    });
    for (const ordinary of [
      'fw',
      'libs/workspace',
      'root',
      'a/coverage',
      'coverage/build',
      'a/b/c',
    ])
      expect(projectOutputDir(ordinary)).toBe(ordinary);
  });

  it('moves only the roots that would collide, each to a directory of its own', () => {
    expect(projectOutputDir('.')).toBe('_root');
    expect(projectOutputDir('_root')).toBe('__root');
    expect(projectOutputDir('workspace')).toBe('_workspace');
    expect(projectOutputDir('workspace/fw')).toBe('_workspace/fw');
    expect(projectOutputDir('_workspace')).toBe('__workspace');
    expect(projectOutputDir('fw/coverage/build')).toBe('fw/coverage/_build');
    expect(projectOutputDir('fw/pgo/_optimized')).toBe('fw/pgo/__optimized');
    expect(chainPaths('workspace', 'w', 'coverage').result).toBe('coverage/_workspace');
  });

  it('gives distinct roots distinct directories', () =>
    fc.assert(
      fc.property(fc.uniqueArray(root, { minLength: 2, maxLength: 8 }), (roots) => {
        expect(new Set(roots.map(projectOutputDir)).size).toBe(roots.length);
      }),
      { numRuns: 500 },
    ));

  it('never lets two crates, or a crate and the workspace report, share or nest an output (no crate inside another)', () =>
    fc.assert(
      fc.property(projects, (list) => {
        const flat = list.filter((a) => !list.some((b) => isAncestor(b.root, a.root)));
        expect(overlaps(allPaths(flat))).toEqual([]);
      }),
      { numRuns: 1000 },
    ));

  it('with crates inside crates, nests only the coverage report of the inner crate in the outer one', () =>
    fc.assert(
      fc.property(projects, (list) => {
        const unexpected = overlaps(allPaths(list)).filter(
          ([a, b]) =>
            !(
              a.what === 'coverage.result' &&
              b.what === 'coverage.result' &&
              (isAncestor(a.owner, b.owner) || isAncestor(b.owner, a.owner))
            ),
        );
        expect(unexpected).toEqual([]);
      }),
      { numRuns: 1000 },
    ));
});
