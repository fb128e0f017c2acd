// Keeps every executor's schema.json and schema.d.ts equal to the model they are generated from, and executors.json
// in step. After changing an option in the model, regenerate them:
// npx vitest run packages/minicov/src/model/executor-schemas.spec.ts --update=all
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import type { InstrumentExecutorOptions } from '../executors/instrument/schema';
import type { MergeExecutorOptions } from '../executors/merge/schema';
import type { OptimizeExecutorOptions } from '../executors/optimize/schema';
import type { ReportExecutorOptions } from '../executors/report/schema';
import type { RunExecutorOptions } from '../executors/run/schema';
import type { ToolchainExecutorOptions } from '../executors/toolchain/schema';
import type { WorkspaceReportExecutorOptions } from '../executors/workspace-report/schema';
import type { OpenReportExecutorOptions } from '../executors/open-report/schema';
import type { CleanExecutorOptions } from '../executors/clean/schema';
import {
  EXECUTOR_NAMES,
  EXECUTORS,
  executorSchemaDts,
  executorSchemaJson,
  optionsInterfaceName,
} from './executor-schemas';
import type { StepOptionsOf } from './step-options';

const plugin = join(import.meta.dirname, '..', '..');
const executorsDir = join(plugin, 'src', 'executors');

/** `text` as prettier writes the file at `path`. */
async function formatted(path: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

/** True when A and B have the same keys and each is assignable to the other (so optional and required agree). */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
/** Compiles only when the generated options interface and the model's options type are the same. */
const sameType = <A, B>(proof: Same<A, B>) => proof;

describe('executor schemas', () => {
  it.each(EXECUTOR_NAMES)('%s/schema.json is generated from the model', async (executor) => {
    const path = join(executorsDir, executor, 'schema.json');
    await expect
      .soft(await formatted(path, JSON.stringify(executorSchemaJson(executor))))
      .toMatchFileSnapshot(path);
    // Compared as data too, so a difference names the property.
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(executorSchemaJson(executor));
  });

  it.each(EXECUTOR_NAMES)('%s/schema.d.ts is generated from the model', async (executor) => {
    const path = join(executorsDir, executor, 'schema.d.ts');
    const text = await formatted(path, executorSchemaDts(executor));
    expect(text).toContain(`export interface ${optionsInterfaceName(executor)} {`);
    await expect(text).toMatchFileSnapshot(path);
  });

  it("declares the same options types as the model's (checked by the type checker)", () => {
    expect([
      sameType<ToolchainExecutorOptions, StepOptionsOf['toolchain']>(true),
      sameType<InstrumentExecutorOptions, StepOptionsOf['instrument']>(true),
      sameType<RunExecutorOptions, StepOptionsOf['run']>(true),
      sameType<MergeExecutorOptions, StepOptionsOf['merge']>(true),
      sameType<ReportExecutorOptions, StepOptionsOf['report']>(true),
      sameType<OptimizeExecutorOptions, StepOptionsOf['optimize']>(true),
      sameType<WorkspaceReportExecutorOptions, StepOptionsOf['workspace-report']>(true),
      sameType<OpenReportExecutorOptions, StepOptionsOf['open-report']>(true),
      sameType<CleanExecutorOptions, StepOptionsOf['clean']>(true),
    ]).toHaveLength(EXECUTOR_NAMES.length);
  });

  it('registers every executor in executors.json with its schema and description', () => {
    const registered = (
      JSON.parse(readFileSync(join(plugin, 'executors.json'), 'utf8')) as {
        executors: Record<string, { implementation: string; schema: string; description: string }>;
      }
    ).executors;
    expect(Object.keys(registered)).toEqual(EXECUTOR_NAMES);
    for (const executor of EXECUTOR_NAMES) {
      expect(registered[executor]).toEqual({
        implementation: `./src/executors/${executor}/executor`,
        schema: `./src/executors/${executor}/schema.json`,
        description: EXECUTORS[executor].description,
      });
    }
  });
});
