import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../../../tools/testing/failure';
import {
  BUILD_RECORD,
  checkBuildOutput,
  DamagedOutputError,
  writeBuildRecord,
} from './build-record';

let workspace: string;
let build: string;

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'minicov-build-record-'));
  build = join(workspace, 'build');
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build);
  writeFileSync(join(build, 'fw'), 'an instrumented binary');
  writeFileSync(join(build, 'fw-host-tests'), 'its unit tests');
  await writeBuildRecord(build, { binary: 'fw', kind: 'coverage' }, ['fw', 'fw-host-tests']);
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('the build record', () => {
  it('keeps what the build step says and the SHA-256 of each binary', () => {
    const record = JSON.parse(readFileSync(join(build, BUILD_RECORD), 'utf8')) as {
      kind: string;
      sha256: Record<string, string>;
    };
    expect(record.kind).toBe('coverage');
    expect(Object.keys(record.sha256)).toEqual(['fw', 'fw-host-tests']);
    expect(record.sha256.fw).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes binaries that are what the build wrote', async () => {
    await expect(
      checkBuildOutput(
        build,
        [join(build, 'fw'), join(build, 'fw-host-tests')],
        'fw:coverage-build',
        workspace,
      ),
    ).resolves.toBeUndefined();
  });

  it('names a binary damaged after the build, says the cache is the likely cause, and that nx reset clears it', async () => {
    writeFileSync(join(build, 'fw'), 'an instrumented bin');
    const error = await failure(
      checkBuildOutput(build, [join(build, 'fw')], 'fw:coverage-build', workspace),
    );
    expect(error).toBeInstanceOf(DamagedOutputError);
    expect(error.message).toMatch(
      /^build\/fw has SHA-256 [0-9a-f]{16}…, not the [0-9a-f]{16}… fw:coverage-build recorded in build\.json: the build output changed after the build, most likely damaged in Nx's cache/,
    );
    expect(error.message).toContain(
      "fix: run `nx reset` to clear Nx's cache, then the target again",
    );
    expect(error.message).toContain(
      '`nx run fw:coverage-build --skip-nx-cache` rebuilds it, but leaves the entry in the cache',
    );
  });

  it('names a missing binary and a missing record', async () => {
    rmSync(join(build, 'fw-host-tests'));
    expect(
      (
        await failure(
          checkBuildOutput(build, [join(build, 'fw-host-tests')], 'fw:coverage-build', workspace),
        )
      ).message,
    ).toContain('build/fw-host-tests is missing');
    rmSync(join(build, BUILD_RECORD));
    expect(
      (await failure(checkBuildOutput(build, [join(build, 'fw')], 'fw:coverage-build', workspace)))
        .message,
    ).toContain(
      'build/build.json is missing or unreadable, so the binaries beside it cannot be told from damaged ones (fw:coverage-build writes it)',
    );
  });
});
