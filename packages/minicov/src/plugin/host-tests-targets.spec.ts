import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import { readMinicovCrate } from '../cargo/minicov-metadata';
import * as plugin from '../../index';
import { targetNamesOf } from './target-names';
import { crateTargets } from './crate-targets';

const FW =
  '[package]\nname = "fw"\n[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"\nmachine = "lm3s6965evb"\n';
const withHostTests = `${FW}host-tests = true\n[dev-dependencies]\nproptest-lite = { path = "../libs/proptest-lite" }\n`;

const targetsOf = (manifest: string, dependencies: string[] = []) =>
  crateTargets(readMinicovCrate('fw/Cargo.toml', manifest)!, 'fw', {
    names: targetNamesOf(undefined),
    llvmMajor: 22,
    otherCrates: dependencies,
    plugin: [],
  });

describe('targets of a crate with host-tests or merge-failed-runs', () => {
  it('carries hostTests into every step of the coverage chain, whose outputs already hold the test binary and its profiles', () => {
    const targets = targetsOf(withHostTests);
    for (const name of ['coverage-build', 'coverage-run', 'coverage-merge', 'coverage']) {
      expect(targets[name]?.options, name).toMatchObject({ hostTests: true });
    }
    expect(targets['coverage-build']?.outputs).toEqual([
      '{workspaceRoot}/dist/minicov/fw/coverage/build',
    ]);
    expect(targets['coverage-run']?.outputs).toEqual([
      '{workspaceRoot}/dist/minicov/fw/coverage/profiles',
    ]);
    expect(targets['coverage-build']?.metadata?.description).toContain(
      "its library's unit tests for the host",
    );
    expect(targets['coverage-run']?.metadata?.description).toContain('and its host unit tests');
  });

  it('leaves the PGO chain exactly as it is without host-tests, so turning it on re-runs no PGO step', () => {
    const on = targetsOf(withHostTests);
    const off = targetsOf(FW);
    for (const name of ['pgo-build', 'pgo-run', 'pgo-merge', 'pgo']) {
      expect(on[name]?.options, name).toEqual(off[name]?.options);
      expect(on[name]?.options, name).toMatchObject({ hostTests: false });
    }
    expect(off['coverage-build']?.options).toMatchObject({ hostTests: false });
  });

  it('carries merge-failed-runs into the coverage chain only', () => {
    const on = targetsOf(`${FW}merge-failed-runs = true\n`);
    const off = targetsOf(FW);
    expect(on['coverage-run']?.options).toMatchObject({ mergeFailedRuns: true });
    expect(on.coverage?.options).toMatchObject({ mergeFailedRuns: true });
    for (const name of ['pgo-build', 'pgo-run', 'pgo-merge', 'pgo'])
      expect(on[name]?.options, name).toEqual(off[name]?.options);
  });

  it("hashes the crate's own path dev-dependencies, which the unit-test build compiles", async () => {
    const root = writeTempTree('minicov-host-tests-', {
      'Cargo.toml': '[workspace]\nmembers = ["fw", "libs/proptest-lite"]\n',
      'fw/Cargo.toml': withHostTests,
      'libs/proptest-lite/Cargo.toml': '[package]\nname = "proptest-lite"\n',
      'plain/Cargo.toml': `${FW.replace('"fw"', '"plain"')}[dev-dependencies]\nproptest-lite = { path = "../libs/proptest-lite" }\n`,
    });
    const results = await plugin.createNodes[1](
      ['Cargo.toml', 'fw/Cargo.toml', 'plain/Cargo.toml'],
      { llvmMajor: 22 },
      { nxJsonConfiguration: {}, workspaceRoot: root },
    );
    const projects = results.flatMap(([, result]) => Object.values(result.projects ?? {}));
    const inputs = (name: string) =>
      projects.find((project) => project.name === name)?.targets?.['coverage-build']?.inputs;
    expect(inputs('fw')).toContain('{workspaceRoot}/libs/proptest-lite/**/*');
    // Without host tests no unit test is built: the dev-dependency changes nothing.
    expect(inputs('plain')).not.toContain('{workspaceRoot}/libs/proptest-lite/**/*');
    const members = (
      projects.find((project) => project.name === 'workspace')?.targets?.['coverage-report']
        ?.options as { members: unknown[] }
    ).members;
    expect(members).toEqual([
      { name: 'fw', root: 'fw', bin: 'fw', hostTests: true },
      { name: 'plain', root: 'plain', bin: 'plain' },
    ]);
  });
});
