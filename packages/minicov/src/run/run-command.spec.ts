import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command';

const base = { binary: '/w/dist/fw', profile: '/w/run-0/fw.profraw', args: [] as string[] };

describe('runCommand', () => {
  it('runs a host binary with its arguments, expanding {profile}', () => {
    expect(runCommand({ ...base, runner: 'host', args: ['{profile}', '--fast'] })).toEqual({ file: '/w/dist/fw', args: ['/w/run-0/fw.profraw', '--fast'] });
  });

  it('runs firmware in QEMU with semihosting and no arguments', () => {
    expect(runCommand({ ...base, runner: 'qemu', qemu: '/usr/bin/qemu-system-arm', machine: 'lm3s6965evb' })).toEqual({
      file: '/usr/bin/qemu-system-arm',
      args: ['-M', 'lm3s6965evb', '-nographic', '-semihosting-config', 'enable=on,target=native', '-kernel', '/w/dist/fw'],
    });
  });

  it('passes firmware arguments through semihosting, escaping commas', () => {
    const { args } = runCommand({ ...base, runner: 'qemu', qemu: 'q', machine: 'm', args: ['a,b', 'c'] });
    expect(args).toContain('enable=on,target=native,arg=/w/dist/fw,arg=a,,b,arg=c');
  });

  it('runs the user command with {bin} and {profile} expanded, as plain arguments', () => {
    const command = ['flash-and-run', '--elf', '{bin}', '--out', '{profile}', '$(rm -rf /)'];
    expect(runCommand({ ...base, runner: 'command', command })).toEqual({
      file: 'flash-and-run',
      args: ['--elf', '/w/dist/fw', '--out', '/w/run-0/fw.profraw', '$(rm -rf /)'],
    });
  });
});
