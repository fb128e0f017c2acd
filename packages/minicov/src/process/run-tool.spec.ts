import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../../tools/testing/exec';
import { outputOnFailure } from './process-group';
import { runTool } from './run-tool';
import {
  ToolFailedError,
  ToolNotExecutableError,
  ToolNotFoundError,
  ToolTimedOutError,
} from './tool-errors';

describe('runTool', () => {
  it('returns what the program printed', async () => {
    const output = await runTool('node', [
      '-e',
      'process.stdout.write("out"); process.stderr.write("err")',
    ]);
    expect(output).toEqual({ stdout: 'out', stderr: 'err', exitCode: 0 });
  });

  it('echoes what the program writes a whole line at a time, however the program splits its writes', async () => {
    // As cargo does: the status word, a pause, then the rest of the line.
    const program =
      "process.stderr.write('   Compiling'); setTimeout(() => { process.stderr.write(' codec v0.1.0\\n    Finished'); " +
      "setTimeout(() => process.stderr.write(' release\\n'), 100); }, 100);";
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const output = await runTool('node', ['-e', program], { echo: 'stderr' });
      expect(output.stderr).toBe('   Compiling codec v0.1.0\n    Finished release\n');
    } finally {
      process.stderr.write = write;
    }
    expect(written).toEqual(['   Compiling codec v0.1.0\n', '    Finished release\n']);
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
    const error = await runTool('node', ['-e', 'console.error("broken"); process.exit(3)']).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ToolFailedError);
    expect(error.message).toContain('exit status 3');
    expect(error.message).toContain('broken');
  });

  it('names the signal that killed the program, even when the caller judges exit statuses', async () => {
    const error = await runTool('node', ['-e', 'process.kill(process.pid, "SIGSEGV")'], {
      allowFailure: true,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ToolFailedError);
    expect(error.signal).toBe('SIGSEGV');
    expect(error.message).toContain('killed by SIGSEGV');
  });

  it('returns a failing exit when the caller judges it', async () => {
    const output = await runTool('node', ['-e', 'process.exit(4)'], { allowFailure: true });
    expect(output.exitCode).toBe(4);
  });

  it('stops a program that runs past its time limit', async () => {
    const error = await runTool('node', ['-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 300,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ToolTimedOutError);
    expect(error.message).toContain('did not finish within 0.3 s');
  });

  describe('with a process group of its own (a run)', () => {
    /** Process ids whose command line contains `marker`. */
    const left = (marker: string) =>
      run('pgrep', ['-f', '--', marker]).stdout.toString('utf8').trim();

    it('returns when the program exits, stopping a background child that holds its output open', async () => {
      const marker = `${process.pid}${Date.now() % 100000}`;
      const started = Date.now();
      const output = await runTool('sh', ['-c', `sleep 3${marker} & echo done`], {
        ownProcessGroup: true,
        timeoutMs: 60_000,
      });
      expect(output.stdout).toBe('done\n');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(left(`sleep 3${marker}`)).toBe('');
    });

    it('stops the whole group at the timeout, children included, within seconds', async () => {
      const marker = `${process.pid}${Date.now() % 100000}`;
      const started = Date.now();
      const error = await runTool('sh', ['-c', `sleep 4${marker} & sleep 5${marker}; echo never`], {
        ownProcessGroup: true,
        timeoutMs: 1_000,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(ToolTimedOutError);
      expect(Date.now() - started).toBeLessThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(left(`sleep [45]${marker}`)).toBe('');
    });

    it('passes Ctrl-C on to the group, which no longer shares the terminal, and then keeps outputs of a failure', async () => {
      expect(outputOnFailure()).toBe('remove');
      const pending = runTool(
        'sh',
        ['-c', 'trap "echo interrupted; exit 130" INT; sleep 30 & wait'],
        { ownProcessGroup: true, allowFailure: true, timeoutMs: 60_000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      process.emit('SIGINT', 'SIGINT');
      const output = await pending;
      expect(output).toMatchObject({ stdout: 'interrupted\n', exitCode: 130 });
      // The step is being stopped: a failure now is no verdict on the previous output.
      expect(outputOnFailure()).toBe('keep-previous');
    });
  });
});
