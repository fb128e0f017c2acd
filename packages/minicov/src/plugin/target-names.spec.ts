import { describe, expect, it } from 'vitest';
import { writeTempTree } from '../../../../tools/testing/temp-tree';
import {
  checkNoTargetClash,
  crateTargetNames,
  rootProjectName,
  targetNamesOf,
  TargetNameError,
} from './target-names';

describe('target names', () => {
  it('defaults to coverage, pgo, toolchain and coverage-report, and renames each from the options', () => {
    expect(crateTargetNames(targetNamesOf(undefined))).toEqual([
      'toolchain',
      'coverage-build',
      'coverage-run',
      'coverage-merge',
      'coverage',
      'coverage-open',
      'pgo-build',
      'pgo-run',
      'pgo-merge',
      'pgo',
      'minicov-clean',
    ]);
    const names = targetNamesOf({
      coverageTargetName: 'cov',
      pgoTargetName: 'minicov-pgo',
      toolchainTargetName: 'tools',
      workspaceReportTargetName: 'all-coverage',
      cleanTargetName: 'tidy',
    });
    expect(crateTargetNames(names)).toEqual([
      'tools',
      'cov-build',
      'cov-run',
      'cov-merge',
      'cov',
      'cov-open',
      'minicov-pgo-build',
      'minicov-pgo-run',
      'minicov-pgo-merge',
      'minicov-pgo',
      'tidy',
    ]);
    expect(names.workspaceReport).toBe('all-coverage');
  });

  it('rejects a name that is not one, and two targets of one name, naming the option', () => {
    expect(() => targetNamesOf({ coverageTargetName: 'my coverage' })).toThrow(
      /option coverageTargetName is "my coverage", not a target name/,
    );
    expect(() => targetNamesOf({ pgoTargetName: 7 as unknown as string })).toThrow(TargetNameError);
    expect(() => targetNamesOf({ coverageTargetName: 'pgo-build' })).toThrow(
      /give two of its targets the name "pgo-build"/,
    );
    expect(() => targetNamesOf({ toolchainTargetName: 'coverage' })).toThrow(/the name "coverage"/);
  });

  it('names the root project after the option, else the root package.json, else workspace', () => {
    const named = writeTempTree('minicov-names-', { 'package.json': '{"name":"firmware-team"}' });
    const unnamed = writeTempTree('minicov-names-', { 'Cargo.toml': '' });
    expect(rootProjectName(targetNamesOf(undefined), named)).toBe('firmware-team');
    expect(rootProjectName(targetNamesOf(undefined), unnamed)).toBe('workspace');
    expect(rootProjectName(targetNamesOf({ workspaceProjectName: 'all' }), named)).toBe('all');
  });

  it('refuses a script or a target of another executor under an inferred name, and allows option overrides', () => {
    const root = writeTempTree('minicov-names-', {
      'fw/package.json': '{"scripts":{"coverage":"c8 npm test"}}',
      'lib/project.json': '{"targets":{"pgo":{"executor":"nx:run-commands","options":{}}}}',
      'ok/project.json':
        '{"targets":{"coverage":{"options":{"failUnder":{"lines":90}}},"pgo":{"executor":"minicov:optimize"}}}',
    });
    const names = crateTargetNames(targetNamesOf(undefined));
    expect(() => checkNoTargetClash(root, 'fw', names)).toThrow(
      'fw/package.json: has a script named "coverage", a target minicov infers for this crate',
    );
    expect(() => checkNoTargetClash(root, 'lib', names)).toThrow(
      'lib/project.json: has a target named "pgo"',
    );
    expect(() => checkNoTargetClash(root, 'ok', names)).not.toThrow();
    const renamed = crateTargetNames(targetNamesOf({ coverageTargetName: 'minicov-coverage' }));
    expect(() => checkNoTargetClash(root, 'fw', renamed)).not.toThrow();
  });
});
