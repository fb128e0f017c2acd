// Reads a cargo runner line: is it QEMU, and which machine does it start.
import { posix } from 'node:path';

/** What a runner line says about QEMU. */
export interface RunnerLine {
  /** The words joined by spaces, for messages. */
  line: string;
  /** The program's basename starts with `qemu-system-`. */
  qemu: boolean;
  /** The machine of `-machine NAME`, `-M NAME` or `-machine=NAME` (without its `,properties`). */
  machine?: string;
}

const MACHINE_OPTIONS = new Set(['-machine', '--machine', '-M']);

/** Parses a runner given as program and arguments. */
export function parseRunnerLine(words: readonly string[]): RunnerLine {
  const line = words.join(' ');
  const program = words[0] ?? '';
  const qemu = posix.basename(program.replace(/\\/g, '/')).startsWith('qemu-system-');
  if (!qemu) return { line, qemu };
  for (let index = 1; index < words.length; index++) {
    const word = words[index] as string;
    const [option, inline] =
      word.includes('=') && word.startsWith('-')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    if (!MACHINE_OPTIONS.has(option)) continue;
    const machine = machineName(inline ?? words[index + 1]);
    if (machine) return { line, qemu, machine };
  }
  return { line, qemu };
}

/** `lm3s6965evb` from `lm3s6965evb,accel=tcg` or from `type=lm3s6965evb,...`. */
function machineName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parts = value.split(',');
  const typed = parts.find((part) => part.startsWith('type='));
  const name = typed ? typed.slice('type='.length) : parts[0];
  return name && !name.includes('=') ? name : undefined;
}
