import { describe, expect, it } from 'vitest';
import { findMachine, type Machine } from '../../board/machines';
import { metadataTable } from './metadata-table';

const lm3s = findMachine('lm3s6965evb') as Machine;

describe('metadataTable', () => {
  it('writes target, runner, machine and link-fragment for firmware', () =>
    expect(
      metadataTable(
        'fw',
        {
          runner: 'qemu',
          target: 'thumbv7m-none-eabi',
          targetFrom: '',
          machine: lm3s,
          machineFrom: '',
        },
        true,
      ),
    ).toContain(
      '[package.metadata.minicov]\ntarget = "thumbv7m-none-eabi"\nrunner = "qemu"\nmachine = "lm3s6965evb"\nlink-fragment = true\n',
    ));
  it('writes no link-fragment when false', () =>
    expect(
      metadataTable(
        'fw',
        {
          runner: 'qemu',
          target: 'thumbv7m-none-eabi',
          targetFrom: '',
          machine: lm3s,
          machineFrom: '',
        },
        false,
      ),
    ).not.toContain('link-fragment'));
  it('writes only the runner for a host program', () =>
    expect(metadataTable('tool', { runner: 'host' }, false)).toMatch(
      /\[package\.metadata\.minicov\]\nrunner = "host"\n$/,
    ));
});
