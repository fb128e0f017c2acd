import { describe, expect, it } from 'vitest';
import { parseRunnerLine } from './qemu-runner-line';

const words = (line: string) => line.split(' ');

describe('parseRunnerLine', () => {
  it('takes the machine of -machine NAME', () =>
    expect(
      parseRunnerLine(
        words('qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic -kernel'),
      ).machine,
    ).toBe('lm3s6965evb'));
  it('takes the machine of -M NAME', () =>
    expect(parseRunnerLine(words('qemu-system-arm -M mps2-an385 -kernel')).machine).toBe(
      'mps2-an385',
    ));
  it('takes the machine of -machine=NAME', () =>
    expect(parseRunnerLine(words('qemu-system-arm -machine=mps2-an386')).machine).toBe(
      'mps2-an386',
    ));
  it('drops the machine properties after the comma', () =>
    expect(parseRunnerLine(words('qemu-system-arm -machine lm3s6965evb,accel=tcg')).machine).toBe(
      'lm3s6965evb',
    ));
  it('reads type= among the properties', () =>
    expect(
      parseRunnerLine(words('qemu-system-arm -machine accel=tcg,type=mps2-an385')).machine,
    ).toBe('mps2-an385'));
  it('recognizes QEMU by the program basename', () =>
    expect(parseRunnerLine(words('/opt/qemu/bin/qemu-system-arm -M lm3s6965evb'))).toMatchObject({
      qemu: true,
      machine: 'lm3s6965evb',
    }));
  it('reads no machine from another program', () =>
    expect(parseRunnerLine(words('probe-rs run --chip STM32F411RETx -M x'))).toEqual({
      line: 'probe-rs run --chip STM32F411RETx -M x',
      qemu: false,
    }));
  it('reports QEMU without a machine option', () =>
    expect(parseRunnerLine(words('qemu-system-arm -kernel'))).toEqual({
      line: 'qemu-system-arm -kernel',
      qemu: true,
    }));
});
