import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTool } from './run-tool';
import { ToolFailedError, ToolNotExecutableError, ToolNotFoundError, ToolTimedOutError } from './tool-errors';

describe('runTool', () => {
  it('returns what the program printed', async () => {
    const output = await runTool('node', ['-e', 'process.stdout.write("out"); process.stderr.write("err")']);
    expect(output).toEqual({ stdout: 'out', stderr: 'err', exitCode: 0 });
  });

  it('passes arguments as plain strings, never through a shell', async () => {
    const tricky = '$(touch /tmp/minicov-injected); `id` "quoted" \'single\'';
    const output = await runTool('node', ['-e', 'process.stdout.write(process.argv[1])', tricky]);
    expect(output.stdout).toBe(tricky);
  });

  it('names a program that is not on PATH and carries the fix', async () => {
    const error = await runTool('minicov-no-such-tool', [], { fix: 'install it' }).catch((e) => e);
    expect(error).toBeInstanceOf(ToolNotFoundError);
    expect(error.message).toContain('minicov-no-such-tool: not found');
    expect(error.message).toContain('fix: install it');
  });

  it('names a path that is not executable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'minicov-run-')), 'tool');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    const error = await runTool(file, []).catch((e) => e);
    expect(error).toBeInstanceOf(ToolNotExecutableError);
    expect(error.message).toContain(`${file}: not executable`);
  });

  it('reports a failing exit with the command line and stderr', async () => {
    const error = await runTool('node', ['-e', 'console.error("broken"); process.exit(3)']).catch((e) => e);
    expect(error).toBeInstanceOf(ToolFailedError);
    expect(error.message).toContain('exit status 3');
    expect(error.message).toContain('broken');
  });

  it('names the signal that killed the program, even when the caller judges exit statuses', async () => {
    const error = await runTool('node', ['-e', 'process.kill(process.pid, "SIGSEGV")'], { allowFailure: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ToolFailedError);
    expect(error.signal).toBe('SIGSEGV');
    expect(error.message).toContain('killed by SIGSEGV');
  });

  it('returns a failing exit when the caller judges it', async () => {
    const output = await runTool('node', ['-e', 'process.exit(4)'], { allowFailure: true });
    expect(output.exitCode).toBe(4);
  });

  it('stops a program that runs past its time limit', async () => {
    const error = await runTool('node', ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(ToolTimedOutError);
    expect(error.message).toContain('did not finish within 0.3 s');
  });
});
