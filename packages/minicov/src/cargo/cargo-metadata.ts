// Runs `cargo metadata` once and keeps only what minicov needs, after checking its shape.
import { MinicovError } from '../errors';
import { runTool } from '../process/run-tool';

/** One workspace member and the path dependencies it declares. */
export interface CargoPackage {
  name: string;
  manifestPath: string;
  /** Directories of the packages this one depends on by path (normal, build and dev dependencies). */
  pathDependencies: { name: string; path: string; kind: 'normal' | 'build' | 'dev' }[];
  /** `links = "..."` from the manifest, if any. */
  links?: string;
  /** Whether the package has a library target (undefined when the output lists no targets). */
  hasLibrary?: boolean;
  /** The names of the package's binary targets (undefined when the output lists no targets). */
  binNames?: string[];
}

/** The workspace as cargo sees it. */
export interface CargoWorkspace {
  workspaceRoot: string;
  packages: CargoPackage[];
}

/** `cargo metadata` printed something that is not the documented format. */
export class CargoMetadataError extends MinicovError {}

/** Runs `cargo metadata --no-deps` (offline, no resolution of crates.io) in `cwd`. */
export async function readCargoWorkspace(
  cargo: string,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<CargoWorkspace> {
  const output = await runTool(
    cargo,
    ['metadata', '--format-version', '1', '--no-deps', '--offline'],
    {
      cwd,
      env,
      fix: 'run `cargo metadata --no-deps` in the workspace by hand and fix what it reports (usually a Cargo.toml error)',
    },
  );
  return parseCargoMetadata(output.stdout);
}

/** Parses and checks `cargo metadata --format-version 1` JSON. */
export function parseCargoMetadata(json: string): CargoWorkspace {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw shapeError('its output is not JSON');
  }
  const root = record(data, 'the top level');
  if (root.version !== 1) throw shapeError(`format version ${String(root.version)} (expected 1)`);
  const workspaceRoot = text(root.workspace_root, 'workspace_root');
  const packages = list(root.packages, 'packages').map((entry, index) => {
    const pkg = record(entry, `packages[${index}]`);
    return {
      name: text(pkg.name, `packages[${index}].name`),
      manifestPath: text(pkg.manifest_path, `packages[${index}].manifest_path`),
      links: typeof pkg.links === 'string' ? pkg.links : undefined,
      hasLibrary:
        pkg.targets === undefined
          ? undefined
          : hasLibraryTarget(list(pkg.targets, `packages[${index}].targets`)),
      binNames:
        pkg.targets === undefined
          ? undefined
          : binaryNames(list(pkg.targets, `packages[${index}].targets`)),
      pathDependencies: list(pkg.dependencies, `packages[${index}].dependencies`).flatMap(
        (dependency, position) => {
          const dep = record(dependency, `packages[${index}].dependencies[${position}]`);
          if (typeof dep.path !== 'string') return [];
          const kind = dep.kind === 'build' || dep.kind === 'dev' ? dep.kind : 'normal';
          return [{ name: text(dep.name, 'dependency name'), path: dep.path, kind } as const];
        },
      ),
    };
  });
  return { workspaceRoot, packages };
}

/** Whether one of a package's targets is a library of any crate type (`cargo test --lib` builds it). */
function hasLibraryTarget(targets: unknown[]): boolean {
  const libraryKinds = new Set(['lib', 'rlib', 'dylib', 'cdylib', 'staticlib', 'proc-macro']);
  return targets.some((target) => {
    const kinds = (target as { kind?: unknown } | null)?.kind;
    return (
      Array.isArray(kinds) &&
      kinds.some((kind) => typeof kind === 'string' && libraryKinds.has(kind))
    );
  });
}

/** The names of the targets of kind `bin`. */
function binaryNames(targets: unknown[]): string[] {
  return targets.flatMap((target) => {
    const { kind, name } = (target ?? {}) as { kind?: unknown; name?: unknown };
    return Array.isArray(kind) && kind.includes('bin') && typeof name === 'string' ? [name] : [];
  });
}

function shapeError(what: string): CargoMetadataError {
  return new CargoMetadataError(
    `cargo metadata: ${what}`,
    'check that `cargo` is a working cargo of the pinned toolchain (`nx run <project>:toolchain`)',
  );
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw shapeError(`${where} is not an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw shapeError(`${where} is not a list`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw shapeError(`${where} is not a string`);
  return value;
}
