// Reads the directories crates depend on by path, transitively, straight from the manifests (no cargo run). One
// PathDependencyGraph reads and parses each Cargo.toml once, however many crates depend on it.
import { dirname, join, normalize, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { GraphFiles } from '../fs/graph-files';

/** What the graph keeps of one Cargo.toml: its path dependencies, its `package.links`, whether it opts in. */
interface ManifestPaths {
  normal: string[];
  withDev: string[];
  links?: string;
  /** The package has a [package.metadata.minicov] table: minicov makes it an Nx project. */
  optsIn: boolean;
}

/** Whether to follow the crate's own dev-dependencies (its unit tests are built: runner "test", host-tests). */
export interface DependencyOptions {
  devDependencies?: boolean;
}

/** The path dependencies of a workspace's crates, each manifest read at most once per instance. */
export class PathDependencyGraph {
  private readonly manifests = new Map<string, ManifestPaths>();

  /** `files` reads (and records) every manifest; a graph computation shares it with its other reads. */
  constructor(
    private readonly workspaceRoot: string,
    readonly files: GraphFiles = new GraphFiles(),
  ) {}

  /**
   * Workspace-relative directories of every crate `crateDirectory` depends on by path (normal and build deps), plus
   * the crate's own dev-dependencies with `devDependencies`; sorted.
   */
  closure(crateDirectory: string, { devDependencies = false }: DependencyOptions = {}): string[] {
    const found: string[] = [];
    this.walk(crateDirectory, devDependencies, (directory) => {
      found.push(directory);
      return true;
    });
    return found.sort();
  }

  /**
   * Visits each crate `crateDirectory` depends on by path once, breadth first: its own normal, build and (with
   * `devDependencies`) dev dependencies, then, for each visited crate `visit` says to go through, that crate's normal
   * and build dependencies.
   */
  walk(
    crateDirectory: string,
    devDependencies: boolean,
    visit: (directory: string) => boolean,
  ): void {
    const start = relative('.', normalize(crateDirectory)) || '.';
    const seen = new Set<string>([start]);
    const queue = [...this.direct(start, devDependencies)];
    while (queue.length > 0) {
      const directory = queue.shift() as string;
      if (seen.has(directory)) continue;
      seen.add(directory);
      if (visit(directory)) queue.push(...this.direct(directory, false));
    }
  }

  /** Whether the crate at `directory` opts in with [package.metadata.minicov] (and so is an Nx project). */
  optsIn(directory: string): boolean {
    return this.manifest(directory).optsIn;
  }

  /** The `package.links` of the crate in `directory` (the runtime sets "minicov"), when its manifest has one. */
  packageLinks(directory: string): string | undefined {
    return this.manifest(directory).links;
  }

  private direct(directory: string, dev: boolean): string[] {
    const manifest = this.manifest(directory);
    return dev ? manifest.withDev : manifest.normal;
  }

  private manifest(directory: string): ManifestPaths {
    let entry = this.manifests.get(directory);
    if (!entry) {
      entry = this.read(directory);
      this.manifests.set(directory, entry);
    }
    return entry;
  }

  private read(directory: string): ManifestPaths {
    const text = this.files.text(join(this.workspaceRoot, directory, 'Cargo.toml'));
    const table = text === undefined ? undefined : parseOrNothing(text);
    const resolve = (paths: string[]) => [
      ...new Set(paths.map((path) => relative('.', normalize(join(directory, path))) || '.')),
    ];
    const pkg = table?.package as { links?: unknown; metadata?: { minicov?: unknown } } | undefined;
    const minicov = pkg?.metadata?.minicov;
    return {
      normal: resolve(declaredPaths(table, false)),
      withDev: resolve(declaredPaths(table, true)),
      links: typeof pkg?.links === 'string' ? pkg.links : undefined,
      optsIn: typeof minicov === 'object' && minicov !== null && !Array.isArray(minicov),
    };
  }
}

/** The transitive path dependencies of the crate at `manifestPath` (one lookup; see PathDependencyGraph). */
export function pathDependencyDirectories(
  workspaceRoot: string,
  manifestPath: string,
  options: DependencyOptions = {},
): string[] {
  return new PathDependencyGraph(workspaceRoot).closure(dirname(manifestPath), options);
}

function parseOrNothing(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined; // createNodes reports broken manifests itself; here a broken one simply adds nothing.
  }
}

/**
 * The `path = "..."` of every normal and build dependency (and dev dependency with `dev`),
 * including target-specific tables.
 */
function declaredPaths(manifest: Record<string, unknown> | undefined, dev: boolean): string[] {
  if (!manifest) return [];
  const kinds = dev
    ? ['dependencies', 'build-dependencies', 'dev-dependencies']
    : ['dependencies', 'build-dependencies'];
  const tables: unknown[] = kinds.map((kind) => manifest[kind]);
  const targets = manifest.target;
  if (typeof targets === 'object' && targets !== null) {
    for (const table of Object.values(targets as Record<string, Record<string, unknown>>)) {
      tables.push(...kinds.map((kind) => table?.[kind]));
    }
  }
  return tables.flatMap((table) =>
    typeof table === 'object' && table !== null
      ? Object.values(table as Record<string, unknown>).flatMap((spec) =>
          typeof spec === 'object' &&
          spec !== null &&
          typeof (spec as { path?: unknown }).path === 'string'
            ? [(spec as { path: string }).path]
            : [],
        )
      : [],
  );
}
