// The instrumentation's cost as the build step prints it, and the refusal of an image that does not fit its machine.
import { MinicovError } from '../errors';
import { overflowingRegions, type InstrumentationCost } from './instrumentation-cost';
import type { Machine } from './machines';
import type { RegionOverflow } from './link-overflow';

/** The instrumented image is larger than a memory region of the machine it runs on. */
export class ImageTooLargeError extends MinicovError {}

/** `n` bytes for people: `976 B`, `11.2 KB`. */
export function bytes(n: number): string {
  const sign = n < 0 ? '-' : '';
  const size = Math.abs(n);
  return size < 1024 ? `${sign}${size} B` : `${sign}${(size / 1024).toFixed(1)} KB`;
}

const signed = (n: number) => (n >= 0 ? `+${bytes(n)}` : bytes(n));

/** What the instrumentation adds to flash: measured against the plain build when there is one. */
export function flashAdded(cost: InstrumentationCost): number {
  return cost.flash.plain === undefined
    ? cost.records + cost.names + cost.runtime.flash
    : cost.flash.instrumented - cost.flash.plain;
}

/** What the instrumentation adds to RAM: measured against the plain build when there is one. */
export function ramAdded(cost: InstrumentationCost): number {
  return cost.ram.plain === undefined
    ? cost.counters + cost.bitmap + cost.runtime.ram
    : cost.ram.instrumented - cost.ram.plain;
}

/** The cost table: a row per crate or C file, then flash and RAM in total and the room left on the machine. */
export function formatCost(cost: InstrumentationCost, title: string): string {
  const withCode = cost.codeGrowth !== undefined;
  const header = ['crate or file', 'counters', 'bitmap', 'records', ...(withCode ? ['code'] : [])];
  const rows = cost.units.map((unit) => [
    unit.unit,
    bytes(unit.counters),
    bytes(unit.bitmap),
    bytes(unit.records),
    ...(withCode ? [signed(unit.codeGrowth ?? 0)] : []),
  ]);
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const render = (row: string[]) =>
    `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd();
  const flashParts = [
    `records ${bytes(cost.records)}`,
    `names ${bytes(cost.names)}`,
    `runtime ${bytes(cost.runtime.flash)}`,
    ...(withCode ? [`code ${signed(cost.codeGrowth ?? 0)}`] : []),
    ...(cost.otherFlash ? [`other ${signed(cost.otherFlash)}`] : []),
  ];
  const ramParts = [
    `counters ${bytes(cost.counters)}`,
    `bitmap ${bytes(cost.bitmap)}`,
    ...(cost.runtime.ram > 0 ? [`runtime ${bytes(cost.runtime.ram)}`] : []),
  ];
  const room = (region: 'flash' | 'RAM') => {
    const found = cost.regions?.find((entry) => entry.region === region);
    if (!found) return '';
    return found.left >= 0
      ? `; ${bytes(found.used)} used, ${bytes(found.left)} of ${bytes(found.size)} left`
      : `; ${bytes(found.used)} used, ${bytes(-found.left)} more than the ${bytes(found.size)} there are`;
  };
  // A link that drops local symbols (a host link drops `.L` ones) leaves no per-crate figures: totals only.
  return [
    title,
    ...(rows.length > 0 ? [render(header), ...rows.map(render)] : []),
    `  flash: ${signed(flashAdded(cost))} (${flashParts.join(', ')})${room('flash')}`,
    `  RAM: ${signed(ramAdded(cost))} (${ramParts.join(', ')})${room('RAM')}`,
  ].join('\n');
}

/** Where the image is built for, for the refusal's message and fix. */
export interface FitContext {
  /** e.g. "fw's coverage build". */
  what: string;
  machine: Machine;
  /** The crate's manifest, where `correlate` is set. */
  manifest: string;
  /** The build could keep its records and names out of the image (a coverage build not correlated yet). */
  canCorrelate: boolean;
}

/** Throws ImageTooLargeError naming each region the image overflows, by how much, and what would make it fit. */
export function checkImageFits(cost: InstrumentationCost, context: FitContext): void {
  const over = overflowingRegions(cost);
  if (over.length === 0) return;
  const { machine } = context;
  const problems = over.map(
    (region) =>
      `${region.region} needs ${region.used} bytes, ${-region.left} more than the ${region.size} ${machine.name} has`,
  );
  const flashOver = over.find((region) => region.region === 'flash');
  const saved = cost.records + cost.names;
  const fixes: string[] = [];
  if (flashOver && context.canCorrelate)
    fixes.push(
      `set correlate = "binary" in [package.metadata.minicov] of ${context.manifest}: the function records and names (${saved} bytes) then stay in the ELF${saved >= -flashOver.left ? ', which makes it fit' : `, though ${-flashOver.left - saved} bytes would still be missing`}`,
    );
  if (flashOver && !context.canCorrelate && saved > 0)
    fixes.push(
      `this build keeps its function records and names (${saved} bytes) in the image: PGO training needs them for the value profiles, so train on a machine with more flash`,
    );
  fixes.push(
    `run it on a machine with more ${over.map((region) => region.region).join(' and ')}, or measure code that does not need the device in a library's unit tests on the host (runner = "test")`,
  );
  throw new ImageTooLargeError(
    `${context.what} does not fit ${machine.name}: ${problems.join('; ')}. The instrumentation adds ${flashAdded(cost)} bytes of flash (records ${cost.records}, names ${cost.names}, runtime ${cost.runtime.flash}${cost.codeGrowth === undefined ? '' : `, code ${cost.codeGrowth}`}) and ${ramAdded(cost)} bytes of RAM (counters ${cost.counters}, bitmap ${cost.bitmap}); nothing was run`,
    fixes.join('; or '),
  );
}

/** The instrumented link failed for want of room: refuses it, naming each region, by how much, and the lean setting. */
export function imageDoesNotLink(
  overflows: readonly RegionOverflow[],
  context: Omit<FitContext, 'machine'> & { machine?: Machine; plainFlash?: number },
): ImageTooLargeError {
  const regions = overflows
    .map((overflow) =>
      overflow.bytes === undefined
        ? `${overflow.region} (the room the linker script keeps for the stack)`
        : `${overflow.region} by at least ${overflow.bytes} bytes`,
    )
    .join(' and ');
  const plain =
    context.plainFlash === undefined
      ? ''
      : `; built without instrumentation it takes ${context.plainFlash} bytes of flash${context.machine ? ` of the ${context.machine.flash.length} ${context.machine.name} has` : ''}`;
  // Correlation moves records and names out of flash; a RAM region holds the counters, which stay whatever the mode.
  const flashOverflows = overflows.some((overflow) => !/ram/i.test(overflow.region));
  const fixes = [
    ...(context.canCorrelate && flashOverflows
      ? [
          `set correlate = "binary" in [package.metadata.minicov] of ${context.manifest}: the function records and names (64 bytes per instrumented function on 64-bit targets, 48 on 32-bit ones, and their names) then stay in the ELF`,
        ]
      : []),
    ...(flashOverflows
      ? []
      : [
          'the counters (8 bytes per counter) must be in RAM in every mode: measure code that does not need the device in a library\'s unit tests on the host (runner = "test")',
        ]),
    "give the linker script the part's real memory if it declares less, or run it on a machine with more memory",
  ];
  return new ImageTooLargeError(
    `${context.what} does not fit: the linker overflows ${regions} (its messages are above)${plain}; nothing was run`,
    fixes.join('; or '),
  );
}
