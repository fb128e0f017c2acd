// Whether a crate links with a cortex-m-rt-style link.x,
// which minicov's linker fragment extends with the profile sections.

/** Why the crate links with link.x (for the note), or undefined when nothing says so. */
export function linkXReason(
  rustflags: readonly string[],
  manifest: Record<string, unknown>,
  buildScript: string | undefined,
): string | undefined {
  if (rustflags.some((flag) => /(?:^|[=\s])-Tlink\.x$/.test(flag)))
    return 'its rustflags pass -Tlink.x';
  if (dependsOnCortexMRt(manifest)) return 'it depends on cortex-m-rt';
  if (buildScript?.includes('-Tlink.x')) return 'its build script passes -Tlink.x';
  return undefined;
}

/**
 * cortex-m-rt among [dependencies] or [target.<...>.dependencies], also when renamed with `package = "cortex-m-rt"`.
 */
function dependsOnCortexMRt(manifest: Record<string, unknown>): boolean {
  const targets = isTable(manifest.target) ? Object.values(manifest.target) : [];
  const tables = [
    manifest.dependencies,
    ...targets.map((table) => (isTable(table) ? table.dependencies : undefined)),
  ];
  return tables.some(
    (table) =>
      isTable(table) &&
      Object.entries(table).some(
        ([name, spec]) =>
          name === 'cortex-m-rt' || (isTable(spec) && spec.package === 'cortex-m-rt'),
      ),
  );
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
