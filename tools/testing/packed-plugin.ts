// The plugin packed once per test run, as users install it: the real-tool projects' global setup packs it, and
// end-to-end specs install that tarball into their workspaces (copyWorkspace's `pluginTarball`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { packPlugin } from '../pack-plugin.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pluginTarball: string;
  }
}

/** Global setup (vitest.config.ts): packs the plugin and provides the tarball's path; removes it after the run. */
export function setup(project: TestProject): () => void {
  const directory = mkdtempSync(join(tmpdir(), 'minicov-test-tarball-'));
  project.provide('pluginTarball', packPlugin(directory) as string);
  return () => rmSync(directory, { recursive: true, force: true });
}

/** The tarball of the plugin packed for this run (only in specs of a project with the global setup above). */
export function packedPlugin(): string {
  return inject('pluginTarball');
}
