// npm test: every static gate (tools/lint.mjs), the unit specs, then the two real-tool test projects side by side
// (vitest runs projects of one group with one worker count, so each project is its own vitest process here). Ends
// with the slowest test files of the whole run; exits non-zero when anything failed.
//
//   node tools/test-all.mjs [--skip-lint]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
const SLOWEST_SHOWN = 5;

/** Runs `args` with node, each output line prefixed with `label` when given; resolves to the exit code. */
function runNode(args, label) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: label ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (label) {
      for (const stream of [child.stdout, child.stderr]) prefixLines(stream, `[${label}] `);
    }
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Copies `stream` to stdout line by line, each line after `prefix`. */
function prefixLines(stream, prefix) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => {
    if (pending) process.stdout.write(`${prefix}${pending}\n`);
  });
}

/** One vitest project's run, with a JSON report in `reportDir` for the summary. */
function vitestProject(project, reportDir, label) {
  const report = join(reportDir, `${project}.json`);
  const args = [vitest, 'run', '--project', project, '--reporter=default', '--reporter=json'];
  return runNode([...args, `--outputFile=${report}`], label).then((code) => ({
    project,
    code,
    report,
  }));
}

/** The test files of every finished project, with their durations, slowest first. */
function timedFiles(runs) {
  return runs
    .flatMap(({ report }) => {
      if (!report) return [];
      try {
        return JSON.parse(readFileSync(report, 'utf8')).testResults;
      } catch {
        return []; // the project stopped before writing its report: its own output says why
      }
    })
    .map((file) => ({ file: relative(repoRoot, file.name), ms: file.endTime - file.startTime }))
    .sort((a, b) => b.ms - a.ms);
}

const started = performance.now();
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

// Everything runs even after a failure, so one run shows every problem.
const lint = process.argv.includes('--skip-lint')
  ? 0
  : await runNode([join(repoRoot, 'tools', 'lint.mjs')]);
const reportDir = mkdtempSync(join(tmpdir(), 'minicov-test-reports-'));
const runs = [{ project: 'lint', code: lint, report: '' }];
runs.push(await vitestProject('unit', reportDir));
console.log('\nThe real-tool projects, side by side: lines of each start with [tools] or [e2e].\n');
runs.push(
  ...(await Promise.all([
    vitestProject('tools', reportDir, 'tools'),
    vitestProject('e2e', reportDir, 'e2e'),
  ])),
);

const files = timedFiles(runs);
const total = performance.now() - started;
console.log(`\nSlowest test files (of ${files.length}):`);
for (const { file, ms } of files.slice(0, SLOWEST_SHOWN))
  console.log(`  ${seconds(ms).padStart(6)}  ${file}`);
const failed = runs.filter((run) => run.code !== 0).map((run) => run.project);
console.log(
  failed.length === 0
    ? `\nnpm test: every project passed in ${seconds(total)}.`
    : `\nnpm test: failed in ${failed.join(', ')} (see its lines above) after ${seconds(total)}.`,
);
rmSync(reportDir, { recursive: true, force: true });
process.exit(failed.length === 0 ? 0 : 1);
