// Running the gates' commands: argument arrays (no shell), output kept in order, and the tools they need.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An npm-installed command of the workspace. */
export const npmBin = (name) => join(repoRoot, 'node_modules', '.bin', name);

/**
 * Runs `command` and resolves to { code, output, stdout }: `output` has stdout and stderr interleaved as they came.
 * A command that cannot start resolves with code null and the reason. `env` entries set to undefined are removed.
 */
export function run(command, args, { cwd = repoRoot, env = {} } = {}) {
  const fullEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete fullEnv[key];
  return new Promise((resolve) => {
    const chunks = [];
    const stdout = [];
    const child = spawn(command, args, { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      chunks.push(chunk);
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) =>
      resolve({ code: null, output: `cannot run ${command}: ${error.message}\n`, stdout: '' }),
    );
    child.on('close', (code, signal) => {
      resolve({
        code: code ?? `signal ${signal}`,
        output: Buffer.concat(chunks).toString('utf8'),
        stdout: Buffer.concat(stdout).toString('utf8'),
      });
    });
  });
}

/** A command line to paste into a shell in the repository root: the step's own environment, then the command. */
export function shellLine({ command, args, cwd = repoRoot, env = {} }) {
  const quote = (word) =>
    /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
  // Paths inside the repository, relative to where the command runs.
  const shown = (word) => (word.startsWith(`${repoRoot}/`) ? relative(cwd, word) || '.' : word);
  const settings = Object.entries(env)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${quote(value)}`);
  const line = [...settings, ...[command, ...args].map((word) => quote(shown(word)))].join(' ');
  return cwd === repoRoot ? line : `(cd ${quote(relative(repoRoot, cwd))} && ${line})`;
}

const SETUP = '`npm run setup` (as root) installs every package in tools/debian-packages.txt';
const NPM_SETUP = 'run `npm run setup` (it runs npm ci)';

/**
 * The tools the gates need: how to tell one is there, and what to say when it is not. `debian` names the package
 * that brings it (listed in tools/debian-packages.txt).
 */
const TOOLS = {
  eslint: {
    probe: [npmBin('eslint'), ['--version']],
    missing: `eslint is not installed: ${NPM_SETUP}`,
  },
  prettier: {
    probe: [npmBin('prettier'), ['--version']],
    missing: `prettier is not installed: ${NPM_SETUP}`,
  },
  tsc: {
    probe: [npmBin('tsc'), ['--version']],
    missing: `tsc (typescript) is not installed: ${NPM_SETUP}`,
  },
  cargo: { probe: ['cargo', ['--version']], debian: 'cargo-web' },
  rustfmt: {
    probe: ['cargo', ['fmt', '--version']],
    debian: 'rustfmt-web',
    what: 'cargo fmt (rustfmt)',
  },
  clippy: {
    probe: ['cargo', ['clippy', '--version']],
    debian: 'rust-web-clippy',
    what: 'cargo clippy',
  },
  'clippy-driver': { probe: ['clippy-driver', ['--version']], debian: 'rust-web-clippy' },
  'rust-src': {
    probe: ['rustc', ['--print', 'sysroot']],
    check: (output) =>
      existsSync(join(output.trim(), 'lib', 'rustlib', 'src', 'rust', 'library', 'core')),
    debian: 'rust-web-src',
    what: "rustc's library sources (for -Zbuild-std=core)",
  },
  'clang-format-22': { probe: ['clang-format-22', ['--version']], debian: 'clang-format-22' },
};

const probes = new Map();

/** Resolves to undefined when `tool` is there, or to the message that says how to get it. */
export function missingTool(tool) {
  if (!probes.has(tool)) {
    const spec = TOOLS[tool];
    if (!spec) throw new Error(`tools/lint: unknown tool ${tool}`);
    const [command, args] = spec.probe;
    probes.set(
      tool,
      run(command, args).then(({ code, output }) => {
        if (code === 0 && (!spec.check || spec.check(output))) return undefined;
        if (spec.missing) return spec.missing;
        const state =
          code === null
            ? 'is not installed'
            : `does not work (\`${[command, ...args].join(' ')}\`: ${output.trim().split('\n')[0]})`;
        return `${spec.what ?? tool} ${state}: it comes with the Debian package ${spec.debian}; ${SETUP}`;
      }),
    );
  }
  return probes.get(tool);
}
