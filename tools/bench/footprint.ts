// `npm run bench:footprint`: what each instrumentation mode costs on the device, for examples/fw and the
// cortex-m-rt-style example: plain, full, correlated (correlate = "binary") and gdb + correlated (runner = "gdb"),
// side by side. Flash and RAM of the image and their growth over the plain build (from each coverage build's cost
// report in build.json), the profile's bytes, and the run step's time.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstrumentationCost } from '../../packages/minicov/src/board/instrumentation-cost';
import { mustRun } from '../testing/exec';
import { isolatedNxEnv } from '../testing/nx';
import {
  addCaptureCall,
  adoptExample,
  EXAMPLE,
  EXAMPLE_DIR,
  printedCaptureFunction,
} from '../testing/adopted-example';
import { copyWorkspace, git, removeWorkspaceCopy } from '../testing/workspace-copy';
// @ts-expect-error plain JavaScript shared with the tests
import { packPlugin } from '../pack-plugin.mjs';

const workspace = copyWorkspace('bench-footprint', { pluginTarball: packPlugin() });
const nxBin = join(workspace, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const env = isolatedNxEnv(workspace);
const nx = (...args: string[]) =>
  mustRun(process.execPath, [nxBin, ...args], { cwd: workspace, env }).stdout.toString('utf8');

/** The modes, as the settings each adds to the crate's [package.metadata.minicov]. */
const MODES: [string, string[]][] = [
  ['full', []],
  ['correlated', ['correlate = "binary"']],
  ['gdb + correlated', ['correlate = "binary"', 'runner = "gdb"']],
];

/** The stop function the gdb runner breaks at, for a firmware that has none yet. */
const STOP_FUNCTION =
  '\n#[no_mangle]\n#[inline(never)]\npub extern "C" fn minicov_stop() {\n    core::hint::black_box(());\n}\n';

// The cortex-m-rt-style example as a user adopts it, with a stop function called before its capture.
const captureFunction = printedCaptureFunction(adoptExample(workspace));
addCaptureCall(workspace, captureFunction);
const rtMain = join(workspace, EXAMPLE_DIR, 'src', 'main.rs');
writeFileSync(
  rtMain,
  `${readFileSync(rtMain, 'utf8').replace('    write_coverage_profile();\n', '    minicov_stop();\n    write_coverage_profile();\n')}${STOP_FUNCTION}`,
);
// examples/fw calls its capture from profile::write_or_exit: stop just before it.
const fwMain = join(workspace, 'examples/fw/src/main.rs');
writeFileSync(
  fwMain,
  `${readFileSync(fwMain, 'utf8').replace('    profile::write_or_exit();', '    minicov_stop();\n    profile::write_or_exit();')}${STOP_FUNCTION}`,
);
git(workspace, ['add', '-A']);
git(workspace, ['commit', '-q', '-m', 'footprint bench']);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const delta = (bytes: number) => `${bytes >= 0 ? '+' : ''}${bytes}`;

/** One crate's row per mode. */
function measure(project: string, dir: string, machine: string): void {
  const manifest = join(workspace, dir, 'Cargo.toml');
  const original = readFileSync(manifest, 'utf8');
  console.log(`\n${project} (${dir}, QEMU ${machine})`);
  console.log(
    `  ${'mode'.padEnd(18)} ${'flash'.padStart(9)} ${'+ flash'.padStart(8)} ${'RAM'.padStart(8)} ${'+ RAM'.padStart(7)} ${'records'.padStart(8)} ${'names'.padStart(6)} ${'runtime'.padStart(8)} ${'profile'.padStart(8)} ${'run s'.padStart(6)}`,
  );
  let plainShown = false;
  for (const [mode, settings] of MODES) {
    // Each setting replaces the crate's own line for its key.
    const without = settings.reduce(
      (text, setting) => text.replace(new RegExp(`\\n${setting.split(' ')[0]} = [^\\n]*`), ''),
      original,
    );
    writeFileSync(
      manifest,
      without.replace(
        '[package.metadata.minicov]\n',
        `[package.metadata.minicov]\n${settings.map((setting) => `${setting}\n`).join('')}`,
      ),
    );
    nx('run', `${project}:coverage-build`, '--skip-nx-cache');
    const start = process.hrtime.bigint();
    nx('run', `${project}:coverage-run`, '--skip-nx-cache', '--exclude-task-dependencies');
    const runSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    nx('run', `${project}:coverage`);
    const cost = (
      JSON.parse(
        readFileSync(join(workspace, 'dist/minicov', dir, 'coverage/build/build.json'), 'utf8'),
      ) as { cost: InstrumentationCost }
    ).cost;
    const runDir = join(workspace, 'dist/minicov', dir, 'coverage/profiles/run-0');
    const profileBytes = readdirSync(runDir)
      .filter((file) => file.endsWith('.profraw'))
      .reduce((sum, file) => sum + statSync(join(runDir, file)).size, 0);
    const plainFlash = cost.flash.plain ?? 0;
    const plainRam = cost.ram.plain ?? 0;
    if (!plainShown) {
      console.log(
        `  ${'plain'.padEnd(18)} ${kb(plainFlash).padStart(9)} ${''.padStart(8)} ${kb(plainRam).padStart(8)}`,
      );
      plainShown = true;
    }
    console.log(
      `  ${mode.padEnd(18)} ${kb(cost.flash.instrumented).padStart(9)} ${delta(cost.flash.instrumented - plainFlash).padStart(8)} ${kb(cost.ram.instrumented).padStart(8)} ${delta(cost.ram.instrumented - plainRam).padStart(7)} ${String(cost.records).padStart(8)} ${String(cost.names).padStart(6)} ${String(cost.runtime.flash).padStart(8)} ${String(profileBytes).padStart(8)} ${runSeconds.toFixed(1).padStart(6)}`,
    );
  }
  writeFileSync(manifest, original);
}

console.log(
  'bytes of flash and RAM: the image, its growth over the plain build; function records, names and runtime code in flash; the profile a run writes; the run step alone',
);
measure('fw', 'examples/fw', 'lm3s6965evb');
measure(EXAMPLE, EXAMPLE_DIR, 'lm3s6965evb');
removeWorkspaceCopy(workspace);
