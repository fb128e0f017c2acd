// Looks a program name up on PATH the way a shell would, without running a shell.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** True when `path` is a regular file this process may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path `name` runs as: a name with a slash is taken relative to `cwd`;
 * a bare name is searched in `pathVariable`. Undefined when nothing executable is found.
 */
export function findOnPath(
  name: string,
  pathVariable: string | undefined,
  cwd: string,
): string | undefined {
  if (name.includes('/')) {
    const candidate = isAbsolute(name) ? name : resolve(cwd, name);
    return isExecutableFile(candidate) ? candidate : undefined;
  }
  for (const directory of (pathVariable ?? '').split(delimiter)) {
    if (!directory) continue;
    const candidate = join(resolve(cwd, directory), name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
