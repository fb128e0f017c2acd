// An independent TypeScript model of rt-quickstart's run of data/commands.txt: how often each MARK line runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The boot script the firmware compiles in. */
export const scriptPath = join(import.meta.dirname, '..', 'data', 'commands.txt');

const STACK_DEPTH = 4;
const OUTPUT_CAPACITY = 4;
const MAX_DIGITS = 9;
const ADLER_MODULUS = 65521;

/** What one run of the script leaves behind, as the firmware prints and checks it. */
export interface ScriptRun {
  lines: number;
  skipped: number;
  executed: number;
  rejected: number;
  /** The last OUTPUT_CAPACITY emitted values, oldest first. */
  output: number[];
  /** Adler-32 of every emitted value as 4 little-endian bytes. */
  digest: number;
  /** How many times each MARK line runs. */
  marks: Record<string, number>;
}

/** Runs `script` the way the firmware does, counting MARK lines. */
export function runScript(script: string): ScriptRun {
  const marks: Record<string, number> = {};
  const count = (name: string) => (marks[name] = (marks[name] ?? 0) + 1);
  const stack: number[] = [];
  const emitted: number[] = [];
  let [adlerLow, adlerHigh] = [1, 0];
  let [skipped, executed, rejected] = [0, 0, 0];

  const emit = (value: number) => {
    if (emitted.length >= OUTPUT_CAPACITY) count('ring_overwrite');
    emitted.push(value);
    for (let shift = 0; shift < 32; shift += 8) {
      count('adler_byte');
      adlerLow = (adlerLow + ((value >>> shift) & 0xff)) % ADLER_MODULUS;
      adlerHigh = (adlerHigh + adlerLow) % ADLER_MODULUS;
    }
  };

  /** One command on the stack machine: true if carried out, false if refused. */
  const execute = (verb: string, argument: number | undefined): boolean => {
    if (verb === 'add' || verb === 'mul') {
      if (stack.length < 2) {
        count('stack_underflow_operands');
        return false;
      }
      count('operation');
      const b = BigInt(stack.pop()!);
      const a = BigInt(stack.pop()!);
      stack.push(Number(BigInt.asUintN(32, verb === 'add' ? a + b : a * b)));
      return true;
    }
    // Every other command but push first reads the top of the stack.
    if (verb !== 'push' && stack.length === 0) {
      count('stack_underflow_top');
      return false;
    }
    if (verb === 'push' || verb === 'dup') {
      if (stack.length === STACK_DEPTH) {
        count('stack_overflow');
        return false;
      }
      stack.push(verb === 'push' ? argument! : stack[stack.length - 1]!);
      return true;
    }
    const value = stack.pop()!; // drop, emit
    if (verb === 'emit') emit(value);
    return true;
  };

  /** The push argument's value, or undefined if it is not a number of 1 to MAX_DIGITS digits. */
  const parseNumber = (text: string): number | undefined => {
    if (text.length > MAX_DIGITS) {
      count('number_too_long');
      return undefined;
    }
    for (const char of text) {
      if (char < '0' || char > '9') {
        count('number_not_digit');
        return undefined;
      }
      count('number_digit');
    }
    return Number(text);
  };

  type Parsed = { verb: string; argument?: number } | 'blank' | 'invalid';
  /** The line's verb and argument, 'blank' for blank and comment lines, or 'invalid'. */
  const parseLine = (line: string): Parsed => {
    const words = line.split(/[ \t\r]+/).filter((word) => word !== '');
    const [verb, argument, ...more] = words;
    if (verb === undefined) return 'blank';
    if (verb.startsWith('#')) {
      count('parse_comment');
      return 'blank';
    }
    if (more.length > 0) {
      count('parse_too_many_words');
      return 'invalid';
    }
    if (verb === 'push') {
      if (argument === undefined) {
        count('parse_missing_argument');
        return 'invalid';
      }
      const value = parseNumber(argument);
      return value === undefined ? 'invalid' : { verb, argument: value };
    }
    if (!['add', 'mul', 'dup', 'drop', 'emit'].includes(verb)) {
      count('parse_unknown_verb');
      return 'invalid';
    }
    if (argument !== undefined) {
      count('parse_unexpected_argument');
      return 'invalid';
    }
    return { verb };
  };

  const lines = script.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const command = parseLine(line);
    if (command === 'blank') {
      count('app_skipped');
      skipped++;
    } else if (command === 'invalid') {
      count('app_invalid');
      rejected++;
    } else if (execute(command.verb, command.argument)) {
      count('app_executed');
      executed++;
    } else {
      count('app_refused');
      rejected++;
    }
  }
  count('main_report');
  return {
    lines: lines.length,
    skipped,
    executed,
    rejected,
    output: emitted.slice(-OUTPUT_CAPACITY),
    digest: ((adlerHigh << 16) | adlerLow) >>> 0,
    marks,
  };
}

/** How many times each MARK line runs in one run of the firmware on data/commands.txt. */
export function expectedMarkCounts(): Record<string, number> {
  return runScript(readFileSync(scriptPath, 'utf8')).marks;
}
