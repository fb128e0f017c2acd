// One row per tool with its verdict, and the table `nx run <project>:toolchain` prints.

/** The outcome for one tool: usable, on the wrong LLVM, unusable for this target, or not found. */
export type Verdict = 'ok' | 'mismatch' | 'unsupported' | 'missing';

/** One line of the toolchain report. */
export interface ToolRow {
  tool: string;
  path: string;
  version: string;
  llvmMajor?: number;
  foundBy: string;
  verdict: Verdict;
  /** Why the verdict is not ok. */
  problem?: string;
  /** What to do about it. */
  fix?: string;
}

/** True when every row is usable. */
export function allUsable(rows: readonly ToolRow[]): boolean {
  return rows.every((row) => row.verdict === 'ok');
}

/** The resolved table plus, under it, each problem and its fix. */
export function formatToolchainReport(rows: readonly ToolRow[], llvmMajor: number): string {
  const header = ['tool', 'path', 'version', 'LLVM', 'verdict'];
  const cells = rows.map((row) => [
    row.tool,
    row.path,
    row.version,
    row.llvmMajor === undefined ? '-' : String(row.llvmMajor),
    row.verdict === 'ok' ? 'ok' : row.verdict.toUpperCase(),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [
    `LLVM pin: ${llvmMajor}`,
    render(header),
    render(widths.map((width) => '-'.repeat(width))),
    ...cells.map(render),
  ];
  for (const row of rows) {
    if (row.verdict === 'ok') continue;
    lines.push(
      '',
      `${row.tool} (${row.path}, found by ${row.foundBy}): ${row.problem ?? row.verdict}`,
    );
    if (row.fix) lines.push(`  fix: ${row.fix}`);
  }
  return lines.join('\n');
}
