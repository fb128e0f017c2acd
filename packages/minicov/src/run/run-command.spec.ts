import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command';

const base = { binary: '/w/dist/fw', profile: '/w/run-0/fw.profraw', args: [] as string[] };

describe('runCommand', () => {
  it('runs a host binary with its arguments, expanding {profile}', () => {
    expect(runCommand({ ...base, runner: 'host', args: ['{profile}', '--fast'] })).toEqual({
      file: '/w/dist/fw',
      args: ['/w/run-0/fw.profraw', '--fast'],
    });
  });

  const boardLoads = [
    { file: '/tmp/b,1/flash.bin', address: 0 },
    { file: '/tmp/b,1/ram-at-power-up.bin', address: 0x2000_0000 },
  ];

  it('runs firmware in QEMU with semihosting, loading the flash image and the RAM contents instead of the ELF', () => {
    expect(
      runCommand({
        ...base,
        runner: 'qemu',
        qemu: '/usr/bin/qemu-system-arm',
        machine: 'lm3s6965evb',
        boardLoads,
      }),
    ).toEqual({
      file: '/usr/bin/qemu-system-arm',
      args: [
        '-M',
        'lm3s6965evb',
        '-nographic',
        '-semihosting-config',
        'enable=on,target=native',
        '-device',
        'loader,file=/tmp/b,,1/flash.bin,addr=0x0,force-raw=on',
        '-device',
        'loader,file=/tmp/b,,1/ram-at-power-up.bin,addr=0x20000000,force-raw=on',
      ],
    });
  });

  it('refuses a QEMU run without the board images', () => {
    expect(() => runCommand({ ...base, runner: 'qemu', qemu: 'q', machine: 'm' })).toThrow(
      'board images',
    );
  });

  it('passes firmware arguments through semihosting, escaping commas', () => {
    const { args } = runCommand({
      ...base,
      runner: 'qemu',
      qemu: 'q',
      machine: 'm',
      args: ['a,b', 'c'],
      boardLoads,
    });
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
