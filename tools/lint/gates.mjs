// The static gates: what each one runs, which tools it needs, and how to fix what it finds. A gate's steps all run;
// the gate fails if any step does. Gates with the same `lock` never run at the same time (they share target/lint).
import { join } from 'node:path';

import { npmBin, repoRoot, run } from './commands.mjs';

/** One target directory for every lint build, kept between runs: core for the firmware target is built once. */
const LINT_TARGET = join(repoRoot, 'target', 'lint');
/** The JavaScript tools' caches (eslint, prettier, tsc's build info): content-based, so always safe to reuse. */
const CACHE = join(repoRoot, 'node_modules', '.cache', 'minicov-lint');

/** The adopted example: its own cargo workspace, built for the target its .cargo/config.toml names. */
const RT_QUICKSTART = join(repoRoot, 'examples', 'rt-quickstart');
/** The plugin's own offline sources for building core (read through @swc-node/register, as Nx loads the plugin). */
const PLUGIN_OFFLINE_SOURCES = join(
  repoRoot,
  'packages',
  'minicov',
  'src',
  'cargo',
  'offline-sources.ts',
);
/** Built by rustc directly (runtime/tests/sanitizers/sanitized-rust-builds.ts), outside every cargo workspace. */
const SANITIZER_HARNESS = join(repoRoot, 'runtime', 'tests', 'sanitizers', 'rust', 'lib.rs');

/**
 * Host packages that bring their own panic handler and entry point (#![no_std] #![no_main]): a test harness would
 * link std's as well, so only their libraries and programs are checked.
 */
const NO_STD_PROGRAMS = ['nostd-linux', 'host-nostd', 'reference-nostd-harness'];

/**
 * The `--config` arguments the plugin's own builds give cargo so that `-Zbuild-std` resolves offline in the cargo
 * workspace at `cwd` (packages/minicov/src/cargo/offline-sources.ts): core's dependencies linked into `merged`
 * beside the workspace's own vendored crates.
 */
async function pluginOfflineSourceArgs(cwd, merged) {
  const sysroot = (await run('rustc', ['--print', 'sysroot'])).stdout.trim();
  const input = { sysroot, cwd, cargoWorkspaceRoot: cwd, mergedDirectory: merged };
  const script =
    `require(${JSON.stringify(PLUGIN_OFFLINE_SOURCES)}).offlineSourceArgs(${JSON.stringify(input)})` +
    '.then((args) => process.stdout.write(JSON.stringify(args)))';
  const result = await run(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    env: { SWC_NODE_PROJECT: join(repoRoot, 'packages', 'minicov', 'tsconfig.json') },
  });
  if (result.code !== 0)
    throw new Error(`cannot resolve the offline sources for ${cwd}:\n${result.output}`);
  return JSON.parse(result.stdout);
}

const CARGO_ENV = {
  // -Z flags (build-std, profile-rustflags) on Debian's stable toolchain.
  RUSTC_BOOTSTRAP: '1',
  // No rustflags from the environment or .cargo/config.toml (link arguments such as -Tlink.x): a check links
  // nothing, and the same (empty) flags everywhere let every lint build share one core.
  CARGO_ENCODED_RUSTFLAGS: '',
  RUSTFLAGS: undefined,
};

const CLIPPY_FIX =
  'fix what clippy reports (`cargo clippy --fix` applies its machine-applicable suggestions); where a lint is ' +
  'wrong for the code, #[allow(clippy::...)] at the narrowest place, with a one-line reason';

/** `cargo clippy` over a selection, every warning an error; `--keep-going` reports every crate's at once. */
function clippy(label, selection, { cwd = repoRoot } = {}) {
  return {
    label,
    command: 'cargo',
    args: [
      'clippy',
      ...selection,
      '--keep-going',
      '--target-dir',
      LINT_TARGET,
      '--',
      '-D',
      'warnings',
    ],
    cwd,
    env: CARGO_ENV,
    fix: () => CLIPPY_FIX,
  };
}

let metadata;

/** The root workspace's packages as `cargo metadata` lists them (names, targets, package.metadata); read once. */
function workspacePackages() {
  metadata ??= (async () => {
    const args = ['metadata', '--no-deps', '--format-version', '1'];
    const { code, output, stdout } = await run('cargo', args, { env: CARGO_ENV });
    if (code !== 0) throw new Error(`cargo ${args.join(' ')} failed:\n${output}`);
    return JSON.parse(stdout).packages;
  })();
  return metadata;
}

/** A package that runs on another machine: its minicov settings name a target (the firmware). */
const firmwareTarget = (pkg) => pkg.metadata?.minicov?.target;
const hasLibrary = (pkg) => pkg.targets.some((target) => target.kind.includes('lib'));
const packages = (list) => list.flatMap((pkg) => ['-p', pkg.name ?? pkg]);

/** The files `[warn] <file>` lines of `prettier --check` name. */
const prettierFiles = (output) =>
  [...output.matchAll(/^\[warn\] (.+)$/gm)]
    .map((match) => match[1])
    .filter((line) => !line.startsWith('Code style issues'));

/** The files `<file>:<line>:<column>: error:` lines of `clang-format --dry-run` name. */
const clangFormatFiles = (output) => [
  ...new Set([...output.matchAll(/^(.+?):\d+:\d+: error:/gm)].map((match) => match[1])),
];

/** C sources and headers of the runtime, its tests and the examples (tools/testing holds fixtures: left alone). */
async function cFiles() {
  const { code, output, stdout } = await run('git', [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    'runtime',
    'examples',
  ]);
  if (code !== 0)
    throw new Error(`git ls-files failed (the gate lists C files with git):\n${output}`);
  return stdout
    .split('\0')
    .filter((file) => /\.[ch]$/.test(file) && !file.startsWith('examples/rt-quickstart/vendor/'));
}

export const gates = [
  {
    id: 'clippy-firmware',
    groups: ['rust', 'clippy'],
    title: 'cargo clippy, firmware targets (-Zbuild-std=core)',
    requires: ['cargo', 'clippy', 'rust-src'],
    lock: LINT_TARGET,
    async steps() {
      const steps = [];
      for (const pkg of (await workspacePackages()).filter(firmwareTarget)) {
        const cross = [
          '-p',
          pkg.name,
          '--bins',
          '--target',
          firmwareTarget(pkg),
          '-Zbuild-std=core',
        ];
        steps.push(clippy(`${pkg.name}: the plain build`, cross));
        // The builds minicov instruments compile the crate with --cfg minicov (its profile-writing code).
        const instrumented = `profile.dev.package.${JSON.stringify(pkg.name)}.rustflags=["--cfg","minicov"]`;
        steps.push(
          clippy(`${pkg.name}: the instrumented build (--cfg minicov)`, [
            ...cross,
            '-Zprofile-rustflags',
            '--config',
            instrumented,
          ]),
        );
      }
      const sources = await pluginOfflineSourceArgs(
        RT_QUICKSTART,
        join(LINT_TARGET, 'offline-sources'),
      );
      steps.push(
        clippy(
          'examples/rt-quickstart (its workspace and target)',
          ['-Zbuild-std=core', ...sources],
          {
            cwd: RT_QUICKSTART,
          },
        ),
      );
      return steps;
    },
  },
  {
    id: 'clippy-host',
    groups: ['rust', 'clippy'],
    title: 'cargo clippy, host builds of the root workspace',
    requires: ['cargo', 'clippy'],
    lock: LINT_TARGET,
    async steps() {
      const all = await workspacePackages();
      const nostd = all.filter((pkg) => NO_STD_PROGRAMS.includes(pkg.name));
      const firmware = all.filter(firmwareTarget);
      const rest = all.filter((pkg) => !nostd.includes(pkg) && !firmware.includes(pkg));
      return [
        clippy('libraries, programs, build scripts and tests', [
          ...packages(rest),
          '--all-targets',
        ]),
        clippy('no_std programs (no test harness)', [...packages(nostd), '--lib', '--bins']),
        clippy('firmware libraries and their host unit tests (host-tests)', [
          ...packages(firmware.filter(hasLibrary)),
          '--lib',
          '--tests',
        ]),
      ].filter((step) => step.args.includes('-p'));
    },
  },
  {
    id: 'prettier',
    groups: ['js', 'ts', 'format'],
    title: 'prettier --check .',
    requires: ['prettier'],
    steps: [
      {
        command: npmBin('prettier'),
        args: ['--check', '.', '--cache', '--cache-location', join(CACHE, 'prettier-cache')],
      },
    ],
    fix: (output) => {
      const files = prettierFiles(output);
      return `npx prettier --write ${files.length ? files.join(' ') : '.'}`;
    },
  },
  {
    id: 'eslint',
    groups: ['js', 'ts'],
    title: 'eslint .',
    requires: ['eslint'],
    steps: [
      {
        command: npmBin('eslint'),
        args: [
          '.',
          '--cache',
          '--cache-strategy',
          'content',
          '--cache-location',
          `${CACHE}/eslint/`,
        ],
      },
    ],
    fix: () =>
      'fix the problems above (`npx eslint --fix <file>` fixes those marked fixable; a long code line: wrap it)',
  },
  {
    id: 'tsc-all',
    groups: ['ts', 'tsc'],
    title: 'tsc -p tsconfig.check.json (every TypeScript file)',
    requires: ['tsc'],
    steps: [
      {
        command: npmBin('tsc'),
        args: [
          '-p',
          'tsconfig.check.json',
          '--incremental',
          '--tsBuildInfoFile',
          join(CACHE, 'tsconfig.check.tsbuildinfo'),
        ],
      },
    ],
    fix: () => 'fix the type errors above',
  },
  {
    id: 'tsc-plugin',
    groups: ['ts', 'tsc'],
    title: 'tsc -p packages/minicov --noEmit (the shipped plugin)',
    requires: ['tsc'],
    steps: [{ command: npmBin('tsc'), args: ['-p', 'packages/minicov', '--noEmit'] }],
    fix: () => 'fix the type errors above',
  },
  {
    id: 'rustfmt',
    groups: ['rust', 'format'],
    title: 'cargo fmt --check (rustfmt)',
    requires: ['cargo', 'rustfmt'],
    steps: [
      {
        label: 'the root workspace',
        command: 'cargo',
        args: ['fmt', '--all', '--check', '--', '--color=never'],
        fix: () => 'cargo fmt --all',
      },
      {
        label: 'examples/rt-quickstart',
        command: 'cargo',
        args: ['fmt', '--all', '--check', '--', '--color=never'],
        cwd: RT_QUICKSTART,
        fix: () => '(cd examples/rt-quickstart && cargo fmt --all)',
      },
      {
        label: 'the sanitizer harness (no cargo package)',
        command: 'rustfmt',
        args: ['--check', '--color=never', '--edition', '2021', SANITIZER_HARNESS],
        fix: () => 'rustfmt --edition 2021 runtime/tests/sanitizers/rust/lib.rs',
      },
    ],
  },
  {
    id: 'clippy-sanitizer-harness',
    groups: ['rust', 'clippy'],
    title: 'clippy-driver, the sanitizer harness (built by rustc)',
    requires: ['clippy-driver'],
    steps() {
      const out = join(LINT_TARGET, 'sanitizer-harness');
      const rustc = (command, args) => ({
        command,
        args: ['--edition', '2021', '-Cpanic=abort', '--emit=metadata', '--out-dir', out, ...args],
        env: { RUSTC_BOOTSTRAP: '1' },
      });
      // The crates it uses, as metadata only (cargo gates lint them).
      const dependency = (name, source) => ({
        ...rustc('rustc', ['--crate-type', 'rlib', '--crate-name', name, source]),
        label: `${name} (metadata for the harness)`,
        prerequisite: true,
      });
      const harness = (cfg) => ({
        ...rustc('clippy-driver', [
          ...cfg,
          '--crate-type',
          'staticlib',
          '--crate-name',
          'sanitizer_rust_harness',
          '--extern',
          `minicov=${join(out, 'libminicov.rmeta')}`,
          '--extern',
          `reference_workload=${join(out, 'libreference_workload.rmeta')}`,
          SANITIZER_HARNESS,
          '-D',
          'warnings',
        ]),
        label: `the harness${cfg.length ? ` (${cfg.join(' ')})` : ''}`,
        fix: () => CLIPPY_FIX,
      });
      return [
        dependency('minicov', join(repoRoot, 'runtime', 'minicov', 'src', 'lib.rs')),
        dependency(
          'reference_workload',
          join(repoRoot, 'runtime', 'tests', 'reference', 'workload', 'src', 'lib.rs'),
        ),
        harness([]),
        harness(['--cfg', 'harness_value_pool']),
      ];
    },
  },
  {
    id: 'clang-format',
    groups: ['c', 'format'],
    title: 'clang-format-22 --dry-run -Werror (runtime/, examples/)',
    requires: ['clang-format-22'],
    async steps() {
      return [{ command: 'clang-format-22', args: ['--dry-run', '-Werror', ...(await cFiles())] }];
    },
    fix: (output) =>
      `clang-format-22 -i ${clangFormatFiles(output).join(' ') || '<the files above>'}`,
  },
];
