// Finds the unit-test executable in `cargo test --no-run --message-format=json` output, checking each message's shape.
import { MinicovError } from '../errors';

/** The test executables cargo built for `packageName`'s library, from its JSON messages (one per line). */
export function testExecutables(jsonLines: string, packageName: string): string[] {
  const found: string[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      continue; // cargo interleaves plain text from build scripts; only JSON objects are messages
    }
    const artifact = message as {
      reason?: unknown;
      package_id?: unknown;
      profile?: { test?: unknown };
      executable?: unknown;
      target?: { name?: unknown };
    };
    if (
      artifact.reason !== 'compiler-artifact' ||
      artifact.profile?.test !== true ||
      typeof artifact.executable !== 'string'
    )
      continue;
    const target = typeof artifact.target?.name === 'string' ? artifact.target.name : '';
    if (target.replace(/-/g, '_') !== packageName.replace(/-/g, '_')) continue;
    found.push(artifact.executable);
  }
  return found;
}

/** The one test executable of the library, or an error that says what cargo built instead. */
export function libraryTestExecutable(jsonLines: string, packageName: string): string {
  const executables = testExecutables(jsonLines, packageName);
  if (executables.length === 0) {
    throw new MinicovError(
      `cargo built no unit-test executable for ${packageName}`,
      `give the library unit tests (#[cfg(test)] mod tests) and make sure \`cargo test -p ${packageName} --lib\` runs them`,
    );
  }
  return executables[0] as string;
}
