// The runtime under AddressSanitizer and UndefinedBehaviorSanitizer: failing writers, a full value pool,
// repeated and reset captures, a short buffer.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { mustRun } from '../../../tools/testing/exec';
import { selectFunctions, showFunctions } from '../../../tools/testing/profdata';
import { cHarness, linkHarness, sanitizedRuntime } from './sanitized-c-builds';
import { describeRun, findingExitCode, runScenario, type ScenarioRun } from './sanitized-runs';
import { rustHarness, rustScenarioLibrary } from './sanitized-rust-builds';

const profdata = 'llvm-profdata-22';

interface Harness {
  binary: string;
  /** The workload's functions in `llvm-profdata show`. */
  code: RegExp;
  /** How many workload functions the profile must list at least (the build may inline some). */
  functions: number;
}

const cCode = /workload\.c[;:]|^harness_workload$/;
const rustCode = /reference_workload/;
const harnesses: Record<string, Harness> = {};
const runs = new Map<string, ScenarioRun>();
const figures = { runs: 0, captures: 0, runsWithFindings: 0, defects: 0, defectsReported: 0 };
let buildDir: string;

beforeAll(() => {
  buildDir = mkdtempSync(join(tmpdir(), 'minicov-sanitizers-'));
  const at = (name: string) => join(buildDir, name);
  const defaultPool = sanitizedRuntime(at('runtime-default-pool'));
  const roomyPool = sanitizedRuntime(at('runtime-8192-byte-pool'), 8192);
  const smallPool = sanitizedRuntime(at('runtime-64-byte-pool'), 64);
  const c = (name: string, binary: string) =>
    (harnesses[name] = { binary, code: cCode, functions: 50 });
  const rust = (name: string, binary: string) =>
    (harnesses[name] = { binary, code: rustCode, functions: 8 });
  c('C coverage', cHarness(at('c-coverage'), 'coverage', defaultPool));
  c('C IR PGO', cHarness(at('c-ir-pgo'), 'ir-pgo', roomyPool));
  c('C IR PGO, 64-byte pool', cHarness(at('c-ir-pgo-small-pool'), 'ir-pgo', smallPool));
  rust(
    'Rust coverage',
    rustHarness(
      at('rust-coverage'),
      rustScenarioLibrary(at('rust-coverage-lib'), 'coverage', false),
      defaultPool,
    ),
  );
  const rustPgo = rustScenarioLibrary(at('rust-pgo-lib'), 'profile-generate', true);
  rust('Rust PGO', rustHarness(at('rust-pgo'), rustPgo, defaultPool));
  rust('Rust PGO, 64-byte pool', linkHarness(at('rust-pgo-small-pool'), [rustPgo, smallPool]));
});

afterAll(() => {
  const scenarios = new Set([...runs.keys()].map((key) => key.split(': ')[1])).size;
  console.log(
    `sanitizer runs: ${figures.runs} runs of ${scenarios} scenarios over ${Object.keys(harnesses).length} harnesses, ` +
      `${figures.captures} capture calls, findings = ${figures.runsWithFindings}; ` +
      `deliberate defects reported: ${figures.defectsReported} of ${figures.defects}`,
  );
});

/** Runs `scenario` once per harness (later calls reuse the run) and checks the sanitizers found nothing. */
function clean(harness: string, scenario: string): ScenarioRun {
  const key = `${harness}: ${scenario}`;
  let result = runs.get(key);
  if (!result) {
    result = runScenario(harnesses[harness]!.binary, scenario, buildDir, key.replace(/\W+/g, '-'));
    runs.set(key, result);
    figures.runs++;
    figures.captures += result.facts.captures ?? 0;
    if (result.findings.length) figures.runsWithFindings++;
  }
  expect(result.findings, describeRun(result)).toEqual([]);
  expect(result.status, describeRun(result)).toBe(0);
  return result;
}

function defect(harness: string, scenario: string, report: string): void {
  const result = runScenario(harnesses[harness]!.binary, scenario, buildDir, `defect-${scenario}`);
  figures.defects++;
  const reported =
    result.status === findingExitCode && result.findings.some((line) => line.includes(report));
  if (reported) figures.defectsReported++;
  expect(reported, describeRun(result)).toBe(true);
}

function functions(harness: string, profile: string): Record<string, string[]> {
  const selected = selectFunctions(showFunctions(profdata, profile), harnesses[harness]!.code);
  expect(Object.keys(selected).length).toBeGreaterThanOrEqual(harnesses[harness]!.functions);
  return selected;
}

function counts(profile: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(profile).map(([name, lines]) => [
      name,
      lines.filter((line) => /Block counts|Function count/.test(line)),
    ]),
  );
}

function valueEntries(profile: Record<string, string[]>): number {
  return Object.values(profile)
    .flat()
    .filter((line) => line.startsWith('\t')).length;
}

function anyCountRan(profile: Record<string, string[]>): boolean {
  return /Block counts: \[[^\]]*[1-9]|Function count: [1-9]/.test(JSON.stringify(counts(profile)));
}

const bytes = (run: ScenarioRun, file: string) => readFileSync(join(run.outDir, file));

const captureHarnesses = ['C coverage', 'C IR PGO', 'Rust coverage', 'Rust PGO'];

describe.each(captureHarnesses)('%s', (harness) => {
  it('a writer failing at each call in turn: every capture fails, nothing is called after the failure', () => {
    const { facts, outDir } = clean(harness, 'fail-every-call');
    expect(facts.wrong_results).toBe(0);
    expect(facts.writer_calls).toBeGreaterThanOrEqual(5); // header, data, counters, names, padding
    // One capture to size the profile, one to count the calls, one per call that fails, one after.
    expect(facts.captures).toBe(facts.writer_calls! + 3);
    expect(facts.same_after_failures).toBe(1);
    expect(anyCountRan(functions(harness, join(outDir, 'after-failures.profraw')))).toBe(true);
  });

  it('two captures in a row give the same valid profile', () => {
    const run = clean(harness, 'capture-twice');
    expect(run.facts.identical).toBe(1);
    if (harness.startsWith('Rust')) expect(run.facts.byte_sink_same).toBe(1);
    expect(bytes(run, 'second.profraw').equals(bytes(run, 'first.profraw'))).toBe(true);
    expect(bytes(run, 'first.profraw').length).toBe(run.facts.size);
    expect(anyCountRan(functions(harness, join(run.outDir, 'first.profraw')))).toBe(true);
  });

  it('a capture after reset holds zero counters and no values; running again gives the first capture back', () => {
    const run = clean(harness, 'capture-after-reset');
    expect(run.facts.same_after_rerun).toBe(1);
    expect(bytes(run, 'ran-again.profraw').equals(bytes(run, 'ran.profraw'))).toBe(true);
    const ran = functions(harness, join(run.outDir, 'ran.profraw'));
    const reset = functions(harness, join(run.outDir, 'reset.profraw'));
    expect(anyCountRan(ran)).toBe(true);
    expect(anyCountRan(reset)).toBe(false);
    expect(valueEntries(reset)).toBe(0);
    expect(Object.keys(reset)).toEqual(Object.keys(ran));
  });

  it('a buffer one byte short is refused without overrunning it; an exact one takes the whole profile', () => {
    const run = clean(harness, 'buffer-one-short');
    const { facts } = run;
    if (harness.startsWith('Rust')) {
      expect(facts.needed).toBe(facts.size);
      expect(facts.available).toBe(facts.size! - 1);
    }
    expect(facts.short_refused).toBe(1);
    expect(facts.short_filled).toBeLessThan(facts.size!);
    expect(facts.exact_filled).toBe(facts.size);
    expect(bytes(run, 'exact.profraw').length).toBe(facts.size);
    const twice = clean(harness, 'capture-twice');
    expect(functions(harness, join(run.outDir, 'exact.profraw'))).toEqual(
      functions(harness, join(twice.outDir, 'first.profraw')),
    );
  });
});

describe('the value pool running out', () => {
  it('C IR PGO: with every amount of room from none to just enough, values are dropped and the profile stays valid', () => {
    const run = clean('C IR PGO', 'pool-every-room');
    const { facts } = run;
    expect(facts.dropped_with_room).toBe(0);
    expect(facts.pool_need).toBeGreaterThan(1024);
    expect(facts.steps).toBe(facts.pool_need! / 8 + 1);
    expect(facts.wrong_results).toBe(0);
    expect(facts.captures).toBe(facts.steps);
    const profiles = readdirSync(run.outDir).filter((file) => file.startsWith('room-'));
    expect(profiles).toHaveLength(facts.steps!);
    // Every profile reads back: merge stops at the first invalid one.
    const merged = join(run.outDir, 'every-room.profdata');
    mustRun(profdata, [
      'merge',
      '--failure-mode=any',
      '-o',
      merged,
      ...profiles.map((file) => join(run.outDir, file)),
    ]);
    const full = functions(
      'C IR PGO',
      join(clean('C IR PGO', 'capture-twice').outDir, 'first.profraw'),
    );
    const scaled = (lines: string[]) =>
      lines.map((line) => line.replace(/\d+/g, (n) => String(Number(n) * facts.steps!)));
    const mergedCounts = counts(functions('C IR PGO', merged));
    expect(mergedCounts).toEqual(
      Object.fromEntries(
        Object.entries(counts(full)).map(([name, lines]) => [name, scaled(lines)]),
      ),
    );
    // Spot checks: the counters never depend on the room; values only fill up to it.
    const need = facts.pool_need!;
    let previous = -1;
    for (const room of [0, 8, 24, 48, Math.floor(need / 16) * 8, need - 24, need - 8]) {
      const profile = functions('C IR PGO', join(run.outDir, `room-${room}.profraw`));
      expect(counts(profile), `room ${room}`).toEqual(counts(full));
      expect(valueEntries(profile), `room ${room}`).toBeLessThan(valueEntries(full));
      expect(valueEntries(profile), `room ${room}`).toBeGreaterThanOrEqual(previous);
      previous = valueEntries(profile);
    }
    expect(valueEntries(functions('C IR PGO', join(run.outDir, 'room-0.profraw')))).toBe(0);
    expect(functions('C IR PGO', join(run.outDir, `room-${need}.profraw`))).toEqual(full);
  });

  for (const [small, roomy] of [
    ['C IR PGO, 64-byte pool', 'C IR PGO'],
    ['Rust PGO, 64-byte pool', 'Rust PGO'],
  ] as const) {
    it(`${small}: values are dropped, counters stay exact`, () => {
      const run = clean(small, 'pool-too-small');
      expect(run.facts.pool_capacity).toBe(64);
      expect(run.facts.pool_used).toBeLessThanOrEqual(64);
      expect(run.facts.values_dropped).toBeGreaterThan(0);
      const profile = functions(small, join(run.outDir, 'small-pool.profraw'));
      const full = functions(roomy, join(clean(roomy, 'capture-twice').outDir, 'first.profraw'));
      expect(counts(profile)).toEqual(counts(full));
      expect(valueEntries(profile)).toBeGreaterThan(0);
      expect(valueEntries(profile)).toBeLessThan(valueEntries(full));
    });

    it(`${small}: a writer failing at each call in turn`, () => {
      const { facts } = clean(small, 'fail-every-call');
      expect(facts.wrong_results).toBe(0);
      expect(facts.writer_calls).toBeGreaterThanOrEqual(5);
      expect(facts.same_after_failures).toBe(1);
    });
  }

  it('Rust PGO with the default pool keeps every value', () => {
    expect(clean('Rust PGO', 'pool-too-small').facts.values_dropped).toBe(0);
  });
});

describe('the sanitizers are live: deliberate defects end the run with a report', () => {
  it('a heap overflow in C', () =>
    defect('C coverage', 'canary-heap-overflow', 'AddressSanitizer: heap-buffer-overflow'));
  it('signed overflow in C', () =>
    defect('C IR PGO', 'canary-signed-overflow', 'runtime error: signed integer overflow'));
  it('a stack overflow in Rust', () =>
    defect('Rust coverage', 'canary-stack-overflow', 'AddressSanitizer: stack-buffer-overflow'));
});
