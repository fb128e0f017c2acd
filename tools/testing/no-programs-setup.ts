// Setup of the unit test project: a unit spec that starts any program fails at once, naming the program,
// so the fast loop stays free of real tools and a spec that needs them is moved to the tools project.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const STARTERS = [
  'spawn',
  'spawnSync',
  'exec',
  'execSync',
  'execFile',
  'execFileSync',
  'fork',
] as const;

for (const name of STARTERS) {
  Object.defineProperty(childProcess, name, {
    configurable: true,
    writable: true,
    value: (command: unknown) => {
      throw new Error(
        `unit specs start no programs, but this one called child_process.${name}(${JSON.stringify(command)}): ` +
          'list the spec in REAL_TOOL_SPECS (tools/testing/test-projects.ts) so it runs with the real tools',
      );
    },
  });
}
syncBuiltinESMExports();
