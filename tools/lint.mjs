// npm run lint: every static gate of the repository (lint, format, types; TypeScript, Rust and C), one line per gate,
// then what failed and how to fix it. Exits non-zero if any gate failed.
//
//   node tools/lint.mjs [--jobs N] [--list] [GATE|GROUP ...]
//
// GATE is a gate's id (see --list); GROUP selects several: ts, js, rust, clippy, c, format, tsc.
import { availableParallelism } from 'node:os';

import { missingTool, run, shellLine } from './lint/commands.mjs';
import { gates } from './lint/gates.mjs';

/** A failing step's output is shown up to this many lines (its command line is shown too, to see the rest). */
const MAX_OUTPUT_LINES = 300;

function usage(problem) {
  const ids = gates.map((gate) => gate.id).join(', ');
  console.error(
    `lint: ${problem}\nusage: node tools/lint.mjs [--jobs N] [--list] [GATE|GROUP ...]\ngates: ${ids}`,
  );
  process.exit(2);
}

function parseArguments(argv) {
  let jobs = Math.max(1, availableParallelism());
  let list = false;
  const words = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list') list = true;
    else if (arg === '--jobs' || arg === '-j') {
      jobs = Number(argv[++i]);
      if (!Number.isInteger(jobs) || jobs < 1)
        usage(`--jobs needs a positive whole number, not ${argv[i]}`);
    } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else words.push(arg);
  }
  return { jobs, list, words };
}

function selectGates(words) {
  if (words.length === 0) return gates;
  for (const word of words) {
    if (!gates.some((gate) => gate.id === word || gate.groups.includes(word)))
      usage(`no gate or group named ${word}`);
  }
  return gates.filter((gate) =>
    words.some((word) => gate.id === word || gate.groups.includes(word)),
  );
}

const gatesCount = (n) => `${n} gate${n === 1 ? '' : 's'}`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Runs every step of `gate` (a prerequisite step that fails ends it) and resolves to its failures. */
async function runGate(gate) {
  const started = performance.now();
  const failures = [];
  // The first tool missing is the one to report (without cargo, cargo fmt is missing too).
  let missing;
  for (const tool of gate.requires ?? []) if (!missing) missing = await missingTool(tool);
  if (missing) failures.push({ output: `${missing}\n`, fix: missing });
  else {
    try {
      const steps = typeof gate.steps === 'function' ? await gate.steps() : gate.steps;
      for (const step of steps) {
        const { code, output } = await run(step.command, step.args, step);
        if (code === 0) continue;
        const fix = (step.fix ?? gate.fix)?.(output) ?? 'see the output above';
        failures.push({ step, code, output, fix });
        if (step.prerequisite) break;
      }
    } catch (error) {
      failures.push({ output: `${error.message}\n`, fix: error.fix ?? 'see the output above' });
    }
  }
  return { gate, ms: performance.now() - started, failures };
}

function printResult({ gate, ms, failures }, width) {
  const status = failures.length ? 'FAIL' : 'ok';
  console.log(
    `lint: ${status.padEnd(4)}  ${gate.id.padEnd(width)}  ${seconds(ms).padStart(6)}  ${gate.title}`,
  );
}

function printFailures({ gate, failures }) {
  for (const { step, code, output } of failures) {
    const what = step?.label ? `${gate.id}: ${step.label}` : gate.id;
    console.log(`\n──── ${what} ${'─'.repeat(Math.max(4, 100 - what.length))}`);
    if (step) console.log(`$ ${shellLine(step)}\n(exit status ${code})`);
    const lines = output.trimEnd().split('\n');
    console.log(lines.slice(0, MAX_OUTPUT_LINES).join('\n'));
    if (lines.length > MAX_OUTPUT_LINES)
      console.log(
        `... ${lines.length - MAX_OUTPUT_LINES} more lines: run the command above to see them`,
      );
  }
}

/** Runs `selected` `jobs` at a time, never two gates with the same lock together; prints each line as it ends. */
function runAll(selected, jobs, width) {
  return new Promise((resolve) => {
    const pending = [...selected];
    const held = new Set();
    const results = new Map();
    let running = 0;
    const startNext = () => {
      while (running < jobs) {
        const index = pending.findIndex((gate) => !gate.lock || !held.has(gate.lock));
        if (index < 0) break;
        const [gate] = pending.splice(index, 1);
        if (gate.lock) held.add(gate.lock);
        running += 1;
        runGate(gate).then((result) => {
          running -= 1;
          if (gate.lock) held.delete(gate.lock);
          printResult(result, width);
          results.set(gate, result);
          if (pending.length === 0 && running === 0)
            resolve(selected.map((each) => results.get(each)));
          else startNext();
        });
      }
    };
    startNext();
  });
}

async function main() {
  const { jobs, list, words } = parseArguments(process.argv.slice(2));
  const selected = selectGates(words);
  const width = Math.max(...selected.map((gate) => gate.id.length));
  if (list) {
    for (const gate of selected)
      console.log(`${gate.id.padEnd(width)}  [${gate.groups.join(', ')}]  ${gate.title}`);
    return;
  }
  const started = performance.now();
  console.log(`lint: ${gatesCount(selected.length)}, ${Math.min(jobs, selected.length)} at a time`);
  const results = await runAll(selected, jobs, width);
  const failed = results.filter((result) => result.failures.length > 0);
  const total = seconds(performance.now() - started);
  if (failed.length === 0) {
    console.log(
      `lint: ${selected.length === 1 ? 'the gate' : `all ${selected.length} gates`} passed in ${total}`,
    );
    return;
  }
  for (const result of failed) printFailures(result);
  console.log(
    `\nlint: ${failed.length} of ${gatesCount(selected.length)} failed in ${total}; to fix:`,
  );
  for (const { gate, failures } of failed) {
    for (const fix of new Set(failures.map((failure) => failure.fix)))
      console.log(`  ${gate.id}: ${fix}`);
  }
  process.exitCode = 1;
}

await main();
