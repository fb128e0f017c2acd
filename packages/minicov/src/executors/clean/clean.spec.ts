// The clean target: what it removes for a crate and for the whole workspace, and what it keeps.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cleanExecutor from './executor';
import { REPORT_STAMP_FILE } from '../../report/report-directory';

let root: string;

/** Creates `path` (a directory) under the workspace with one file in it, and the stamp of `task` when given. */
function put(path: string, task?: string): void {
  mkdirSync(join(root, path), { recursive: true });
  writeFileSync(join(root, path, 'file'), 'x');
  if (task)
    writeFileSync(join(root, path, REPORT_STAMP_FILE), JSON.stringify({ task, profile: 'p' }));
}

/** An executor context for `project` at `projectRoot` whose report target writes to `outputDir`. */
function context(project: string, projectRoot: string, outputDir?: string): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName: project,
    targetName: 'minicov-clean',
    projectsConfigurations: {
      version: 2,
      projects: {
        [project]: {
          root: projectRoot,
          targets: { coverage: { options: outputDir ? { outputDir } : {} } },
        },
      },
    },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as ExecutorContext;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'minicov-clean-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('minicov-clean', () => {
  it("removes a crate's minicov directories and its stamped report, and nothing of another crate", async () => {
    put('dist/minicov/fw/coverage/build');
    put('target/minicov/fw/coverage');
    put('reports/fw', 'fw:coverage');
    put('dist/minicov/other/coverage/build');
    put('target/minicov/.std/thumbv7m');
    put('target/debug');
    const result = await cleanExecutor(
      { reportTarget: 'coverage' },
      context('fw', 'fw', 'reports/fw'),
    );
    expect(result.success).toBe(true);
    for (const gone of ['dist/minicov/fw', 'target/minicov/fw', 'reports/fw'])
      expect(existsSync(join(root, gone)), gone).toBe(false);
    for (const kept of ['dist/minicov/other', 'target/minicov/.std', 'target/debug'])
      expect(existsSync(join(root, kept)), kept).toBe(true);
  });

  it('keeps a report directory whose stamp is missing or names another task, saying so', async () => {
    put('coverage/fw');
    put('reports/shared', 'other:coverage');
    await cleanExecutor({ reportTarget: 'coverage' }, context('fw', 'fw'));
    await cleanExecutor({ reportTarget: 'coverage' }, context('fw', 'fw', 'reports/shared'));
    expect(existsSync(join(root, 'coverage/fw/file'))).toBe(true);
    expect(existsSync(join(root, 'reports/shared/file'))).toBe(true);
    expect(vi.mocked(console.warn).mock.calls.map(([text]) => String(text))).toEqual([
      'minicov: kept coverage/fw: it holds no report of fw:coverage (its files have no minicov stamp); remove it yourself if it is not needed',
      'minicov: kept reports/shared: it holds no report of fw:coverage (its stamp names other:coverage); remove it yourself if it is not needed',
    ]);
  });

  it("on the root project, removes all of minicov's directories and the workspace report, and nothing else", async () => {
    put('dist/minicov/fw/coverage/build');
    put('dist/minicov/workspace');
    put('target/minicov/.std/thumbv7m');
    put('target/debug');
    put('coverage/workspace', 'workspace:coverage-report');
    put('dist/app');
    const result = await cleanExecutor(
      { reportTarget: 'coverage-report', workspace: true },
      {
        ...context('workspace', '.'),
        projectsConfigurations: {
          version: 2,
          projects: { workspace: { root: '.', targets: {} } },
        },
      },
    );
    expect(result.success).toBe(true);
    for (const gone of ['dist/minicov', 'target/minicov', 'coverage/workspace'])
      expect(existsSync(join(root, gone)), gone).toBe(false);
    for (const kept of ['target/debug', 'dist/app'])
      expect(existsSync(join(root, kept)), kept).toBe(true);
  });
});
