// A throwaway copy of this repository for end-to-end runs through nx: its own outputs, cache and git history.
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './cargo';
import { mustRun } from './exec';

/**
 * Copies every tracked or new (not ignored) file of the repository into a new directory under `parent` (copies with
 * `sharedCargoTarget` all at one path: see sharedCopyRoot), links node_modules, and commits the copy so `nx affected`
 * has a base. Returns the copy's root. With
 * `pluginTarball` (end-to-end specs: `packedPlugin()`), the copy runs the packed plugin as users install it;
 * without, it runs the plugin's TypeScript sources as this repository does.
 */
export function copyWorkspace(
  name: string,
  options: { parent?: string; sharedCargoTarget?: boolean; pluginTarball?: string } = {},
): string {
  const root = options.sharedCargoTarget
    ? sharedCopyRoot()
    : join(mkdtempSync(join(options.parent ?? tmpdir(), 'minicov-e2e-')), name);
  const files = mustRun('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
  })
    .stdout.toString('utf8')
    .split('\0')
    .filter((file) => file.length > 0);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(root, file), {
      dereference: false,
      errorOnExist: false,
      force: true,
      recursive: false,
    });
  }
  linkInstalledPackages(root);
  if (options.pluginTarball) usePackedPlugin(root, options.pluginTarball);
  else symlinkSync(join('..', 'packages', 'minicov'), join(root, 'node_modules', 'minicov'));
  // Every copy links the one standard library built for its settings (what a CI cache of MINICOV_STD_DIR gives),
  // instead of building core again per copy; fresh workspaces keep the default place under their target/.
  appendFileSync(join(root, '.env'), `MINICOV_STD_DIR=${join(repoRoot, 'target', 'e2e-std')}\n`);
  if (options.sharedCargoTarget) {
    // Cargo's build directories (with `core` built from rust-src) are reused across copies; Nx's cache is not.
    const shared = join(repoRoot, 'target', 'e2e-shared');
    mkdirSync(shared, { recursive: true });
    symlinkSync(shared, join(root, 'target'));
  }
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'copy']);
  return root;
}

/**
 * Where every copy that shares the cargo build directory lives, one at a time (the e2e project runs one file at a
 * time): cargo's package ids hold the package's path, so only at one path does a crate another copy built count as
 * fresh. Cargo judges freshness by content (-Zchecksum-freshness), so an edited crate is still rebuilt.
 */
function sharedCopyRoot(): string {
  // One such path per checkout of this repository, as each has its own target/e2e-shared.
  const checkout = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const parent = join(tmpdir(), `minicov-e2e-shared-${checkout}`);
  rmSync(parent, { recursive: true, force: true }); // a copy an earlier run left behind (MINICOV_KEEP_E2E, a crash)
  mkdirSync(parent);
  return join(parent, 'workspace');
}

/**
 * Links each package installed in this repository into `root`'s node_modules, except this repository's own workspace
 * packages: those must resolve inside `root`, or Nx would load the plugin from the original checkout.
 */
function linkInstalledPackages(root: string): void {
  const modules = join(root, 'node_modules');
  mkdirSync(modules);
  const own = new Set(['minicov', 'minicov-e2e']);
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (!own.has(entry)) symlinkSync(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
}

/** Unpacks the packed plugin `tarball` into `root`'s node_modules/minicov, where npm would install it. */
function extractPackedPlugin(root: string, tarball: string): void {
  const target = join(root, 'node_modules', 'minicov');
  mkdirSync(target);
  mustRun('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}

/** Gives a new workspace at `root` this repository's installed packages and the packed plugin from `tarball`. */
export function installPackagesWithPackedPlugin(root: string, tarball: string): void {
  linkInstalledPackages(root);
  extractPackedPlugin(root, tarball);
}

/**
 * Replaces the copy's plugin sources with the packed package, installed as users get it: compiled JavaScript in
 * node_modules/minicov, no local project named minicov, no tsconfig path to the sources.
 */
function usePackedPlugin(root: string, tarball: string): void {
  rmSync(join(root, 'packages', 'minicov'), { recursive: true, force: true });
  extractPackedPlugin(root, tarball);
  const tsconfig = join(root, 'tsconfig.base.json');
  const config = JSON.parse(readFileSync(tsconfig, 'utf8')) as {
    compilerOptions: { paths?: Record<string, string[]> };
  };
  delete config.compilerOptions.paths?.minicov;
  writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
}

/** Runs git in `root` with a fixed identity (test machines may have none). */
export function git(root: string, args: string[]): string {
  return mustRun(
    'git',
    ['-c', 'user.name=minicov-e2e', '-c', 'user.email=e2e@minicov.invalid', ...args],
    { cwd: root },
  ).stdout.toString('utf8');
}

/** Deletes a copy made by copyWorkspace, unless MINICOV_KEEP_E2E is set (to look at a failure). */
export function removeWorkspaceCopy(root: string): void {
  if (process.env.MINICOV_KEEP_E2E) return;
  rmSync(dirname(root), { recursive: true, force: true });
}
