// How coverage builds name the workspace's sources, so a binary built in one checkout reports right in any other.

/**
 * The path coverage builds record in place of the workspace root (rustc `--remap-path-prefix`, clang
 * `-fcoverage-prefix-map`): a binary restored from a cache another checkout filled names its sources as a build here
 * would, and holds no path of that checkout. The report maps it back to the root it runs in.
 */
export const RECORDED_WORKSPACE_ROOT = '/minicov-workspace';

/** `path` (as a coverage mapping names it) relative to the recorded root, or undefined when it is not under it. */
export function recordedRelative(path: string): string | undefined {
  const prefix = `${RECORDED_WORKSPACE_ROOT}/`;
  return path.startsWith(prefix) && path.length > prefix.length
    ? path.slice(prefix.length)
    : undefined;
}

/** The two ways a report's tools name the workspace root: the checkout's own path, and the recorded one. */
export function workspaceRootSpellings(workspaceRoot: string): string[] {
  return [workspaceRoot.replace(/\/+$/, ''), RECORDED_WORKSPACE_ROOT];
}
