// The instrumentation's cost of a step's build: measured against the crate built as it ships, printed, recorded, and
// checked against the machine the image runs on before anything runs it; a link that ran out of room, explained.
import { runsInQemu } from '../model/crate-settings';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkImageFits, formatCost, imageDoesNotLink } from '../board/cost-report';
import { linkOverflows } from '../board/link-overflow';
import type { Machine } from '../board/machines';
import { ToolFailedError } from '../process/tool-errors';
import {
  flashBytes,
  instrumentationCost,
  type InstrumentationCost,
} from '../board/instrumentation-cost';
import { runMachine } from '../board/run-machine';
import { checkBoardLayout } from '../board/binary-check';
import { isBareMetalTarget } from '../cargo/build-flags';
import type { ResolvedCrateBuild } from '../cargo/crate-build';
import type { CrateBuildInput } from '../cargo/crate-build-input';
import type { InstrumentedBinary } from '../cargo/instrumented-build';
import { buildPlain } from '../cargo/plain-build';
import { runtimeCFileNames } from '../fs/runtime-files';
import type { InstrumentedBuildKind } from '../model/build-kind';
import { ElfFile } from '../profile/elf-file';

/** The crate built as it ships, for a bare-metal target (where flash is counted); undefined for the host. */
export async function plainBuildFor(
  crate: CrateBuildInput,
  build: ResolvedCrateBuild,
  plainTargetDir: string,
): Promise<ElfFile | undefined> {
  if (!isBareMetalTarget(build.target)) return undefined;
  const path = await buildPlain(crate, build, plainTargetDir);
  return new ElfFile(path, await readFile(path));
}

/** `error` as the refusal of an image that does not fit, when the linker failed for want of room; else `error`. */
export function whenOutOfRoom(
  error: unknown,
  crate: CrateBuildInput,
  kind: InstrumentedBuildKind,
  plain: ElfFile | undefined,
  machine: Machine | undefined,
): unknown {
  const overflows = error instanceof ToolFailedError ? linkOverflows(error.stderr) : [];
  if (overflows.length === 0) return error;
  const { options } = crate;
  return imageDoesNotLink(overflows, {
    what: describeBuild(crate, kind),
    machine,
    manifest: join(crate.projectRoot, 'Cargo.toml'),
    canCorrelate: kind === 'coverage' && options.correlate !== 'binary',
    plainFlash: plain && flashBytes(plain),
  });
}

/**
 * Measures what instrumenting `program` costs (against `plain` when there is one), prints it and returns it for
 * build.json; throws ImageTooLargeError when the image does not fit the crate's QEMU machine, then BinaryCheckError
 * when its profile sections are not where a flashed board has them (`program` was built without that check).
 */
export function measureBuildCost(
  crate: CrateBuildInput,
  program: InstrumentedBinary,
  kind: InstrumentedBuildKind,
  plain: ElfFile | undefined,
  machine: Machine | undefined,
): InstrumentationCost {
  const report = program.report;
  const cost = instrumentationCost({
    instrumented: report.elf,
    plain,
    machine,
    runtimeFiles: runtimeCFileNames(),
    recordSize: report.recordCount > 0 ? report.recordBytes / report.recordCount : 0,
    correlated: report.correlated,
  });
  const what = describeBuild(crate, kind);
  console.log(
    formatCost(
      cost,
      `minicov: what instrumentation adds to ${what}${machine ? ` on ${machine.name}` : ''}${plain ? ', against the plain build' : ''}:`,
    ),
  );
  if (machine) {
    checkImageFits(cost, {
      what,
      machine,
      manifest: join(crate.projectRoot, 'Cargo.toml'),
      canCorrelate: kind === 'coverage' && !report.correlated,
    });
    // Only an image that fits can have its profile sections where a flashed board has them.
    checkBoardLayout(report, machine, crate.options.linkFragment ?? false);
  }
  return cost;
}

/** The QEMU machine the crate's program runs on, if it runs in QEMU; an unknown machine stops the step here. */
export function machineOf(crate: CrateBuildInput): Machine | undefined {
  const { options } = crate;
  return runsInQemu(options)
    ? runMachine(crate.projectRoot, options.machine, options.target)
    : undefined;
}

function describeBuild(crate: CrateBuildInput, kind: InstrumentedBuildKind): string {
  return `${crate.projectName}'s ${kind === 'coverage' ? 'coverage' : 'PGO training'} build`;
}
