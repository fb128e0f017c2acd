// Runs one scenario of a sanitized harness: its exit status, its facts, the profiles it saved,
// and every sanitizer report.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { run } from '../../../tools/testing/exec';

/** The exit status a sanitizer finding ends the program with. */
export const findingExitCode = 86;

/**
 * Findings are fatal (halt_on_error) with a status no scenario uses, and printed with a stack and
 * a summary line. Leaks are checked at exit; use-after-return and init-order bugs are looked for too.
 */
export const sanitizerEnv = {
  ASAN_OPTIONS: [
    'halt_on_error=1',
    `exitcode=${findingExitCode}`,
    'detect_leaks=1',
    'detect_stack_use_after_return=1',
    'check_initialization_order=1',
    'strict_init_order=1',
    'print_summary=1',
  ].join(':'),
  UBSAN_OPTIONS: [
    'halt_on_error=1',
    `exitcode=${findingExitCode}`,
    'print_stacktrace=1',
    'print_summary=1',
  ].join(':'),
};

const reportLine =
  /ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: AddressSanitizer|runtime error:|SUMMARY: \w+Sanitizer/;

export interface ScenarioRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** The `key=value` lines the scenario printed. */
  facts: Record<string, number>;
  /** Where the scenario saved its profiles. */
  outDir: string;
  /** Sanitizer report lines from standard error; empty when nothing was found. */
  findings: string[];
  stderr: string;
}

function parseFacts(stdout: string): Record<string, number> {
  const facts: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([a-z_]+)=(\d+)$/.exec(line);
    if (match?.[1] && match[2]) facts[match[1]] = Number(match[2]);
  }
  return facts;
}

/** Runs `scenario` of `binary`, saving its profiles under `<outRoot>/<label>`. */
export function runScenario(
  binary: string,
  scenario: string,
  outRoot: string,
  label: string,
): ScenarioRun {
  const outDir = join(outRoot, label);
  mkdirSync(outDir, { recursive: true });
  const result = run(binary, [scenario, outDir], { env: sanitizerEnv, timeoutMs: 60_000 });
  return {
    status: result.code,
    signal: result.signal,
    facts: parseFacts(result.stdout.toString('utf8')),
    outDir,
    findings: result.stderr.split('\n').filter((line) => reportLine.test(line)),
    stderr: result.stderr,
  };
}

/** What a failed expectation on a run should show: the status and standard error. */
export function describeRun(run: ScenarioRun): string {
  return `exit ${run.status ?? run.signal}, facts ${JSON.stringify(run.facts)}\n${run.stderr}`;
}
