import { describe, expect, it } from 'vitest';
import { findMachine } from '../../board/machines';
import type { CargoConfigFile } from './crate-cargo-config';
import { decideRunSettings } from './crate-run-settings';

const file = (
  config: Record<string, unknown>,
  path = 'fw/.cargo/config.toml',
): CargoConfigFile => ({ path, config });
const qemu = (runner: unknown, target: unknown = 'thumbv7m-none-eabi') => [
  file({ build: { target }, target: { 'thumbv7m-none-eabi': { runner } } }),
];
const decide = (files: CargoConfigFile[], options: { target?: string; machine?: string } = {}) =>
  decideRunSettings({ crate: 'fw (fw)', files, ...options });
const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

describe('decideRunSettings', () => {
  it('takes target and machine from the config', () =>
    expect(decide(qemu('qemu-system-arm -M lm3s6965evb -kernel'))).toEqual({
      runner: 'qemu',
      target: 'thumbv7m-none-eabi',
      targetFrom: 'build.target in fw/.cargo/config.toml',
      machine: findMachine('lm3s6965evb'),
      machineFrom: 'the runner in fw/.cargo/config.toml',
    }));
  it('reads a one-element build.target list', () =>
    expect(
      decide(qemu(['qemu-system-arm', '-M', 'mps2-an385'], ['thumbv7m-none-eabi'])),
    ).toMatchObject({ machine: { name: 'mps2-an385' } }));
  it('lets --machine override the runner line', () =>
    expect(decide(qemu('qemu-system-arm -M lm3s6965evb'), { machine: 'mps2-an385' })).toMatchObject(
      { machine: { name: 'mps2-an385' }, machineFrom: '--machine' },
    ));
  it('lets --target override build.target', () =>
    expect(
      decide(qemu('x'), { target: 'thumbv7em-none-eabihf', machine: 'mps2-an386' }),
    ).toMatchObject({ target: 'thumbv7em-none-eabihf', targetFrom: '--target' }));
  it('runs --target=host on the host', () =>
    expect(decide(qemu('qemu-system-arm -M lm3s6965evb'), { target: 'host' })).toEqual({
      runner: 'host',
    }));
  it('lists the choices when nothing names a target', () =>
    expect(message(() => decide([]))).toMatch(
      /no target: neither --target nor build\.target[\s\S]*--target=host[\s\S]*--target=thumbv7m-none-eabi with --machine=lm3s6965evb \(Cortex-M3\) or lm3s811evb \(Cortex-M3\) or mps2-an385[\s\S]*--target=thumbv7em-none-eabihf with --machine=mps2-an386/,
    ));
  it('names the config file of an unsupported target', () =>
    expect(message(() => decide(qemu('x', 'riscv32imac-unknown-none-elf')))).toMatch(
      /target riscv32imac-unknown-none-elf \(from build\.target in fw\/\.cargo\/config\.toml\) is not supported\n.*--target=host, thumbv7m-none-eabi, thumbv7em-none-eabihf/,
    ));
  it('names --target for a typo', () =>
    expect(message(() => decide([], { target: 'thumbv7-none-eabi' }))).toContain(
      'target thumbv7-none-eabi (from --target) is not supported',
    ));
  it('says a runner that is not QEMU gives no machine, and lists the machines', () =>
    expect(message(() => decide(qemu('probe-rs run --chip STM32F103C8')))).toMatch(
      /no QEMU machine for thumbv7m-none-eabi: its runner `probe-rs run --chip STM32F103C8` \(fw\/\.cargo\/config\.toml\) is not QEMU\n.*--machine=<name> with one of: lm3s6965evb .*mps2-an385.*\(e\.g\. --machine=lm3s6965evb\)/,
    ));
  it('shows cfg() runners it does not read', () =>
    expect(
      message(() =>
        decide([
          file({
            build: { target: 'thumbv7m-none-eabi' },
            target: { 'cfg(target_os = "none")': { runner: 'qemu-system-arm -M lm3s6965evb' } },
          }),
        ]),
      ),
    ).toContain(
      'setup does not read the runners of cfg() tables: `qemu-system-arm -M lm3s6965evb` (fw/.cargo/config.toml [target.\'cfg(target_os = "none")\'])',
    ));
  it("rejects an unknown machine, listing the target's machines", () =>
    expect(message(() => decide(qemu('qemu-system-arm -M netduino2')))).toMatch(
      /QEMU machine netduino2 \(from the runner in fw\/\.cargo\/config\.toml\) is not one minicov supports\n.*for thumbv7m-none-eabi pass --machine=<name> with one of: lm3s6965evb/,
    ));
  it('rejects a machine of another target', () =>
    expect(message(() => decide(qemu('x'), { machine: 'mps2-an386' }))).toContain(
      'QEMU machine mps2-an386 (Cortex-M4F, from --machine) runs thumbv7em-none-eabihf, not thumbv7m-none-eabi',
    ));
  it('rejects --machine with --target=host', () =>
    expect(message(() => decide([], { target: 'host', machine: 'lm3s6965evb' }))).toContain(
      '--machine lm3s6965evb with --target=host',
    ));
});
