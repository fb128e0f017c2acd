// `instrument`: the coverage or profile-generate build of a crate, checked against the pin before and after.
import { outputOnFailure } from '../../process/process-group';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { chainOfBuild } from '../../model/build-kind';
import { hostTestsBuild, resolveCrateBuild } from '../../cargo/crate-build';
import { buildInstrumented } from '../../cargo/instrumented-build';
import { checkTargetDirPath } from '../../cargo/target-dir-path';
import { resolveStepContext } from '../../context';
import { replaceOutput } from '../../fs/replace-output';
import { hostTestsBinaryName } from '../../model/output-layout';
import type { InstrumentOptions } from '../../model/step-options';
import { sourceDigests, writeBuildRecord } from '../build-record';
import { runsHostTests } from '../chain-binaries';
import { machineOf, measureBuildCost, plainBuildFor, whenOutOfRoom } from '../build-cost';
import { toolchainNeeds } from '../crate-toolchain-needs';
import { runExecutorBody, type ExecutorResult } from '../run-executor-body';

/**
 * Builds the crate instrumented (and, with `host-tests`, its library's unit tests for the host), checks every binary,
 * and stores them as the step's output.
 */
export default async function instrumentExecutor(
  options: InstrumentOptions,
  context: ExecutorContext,
): Promise<ExecutorResult> {
  return runExecutorBody(async () => {
    const chain = chainOfBuild(options.kind);
    const step = await resolveStepContext(options, context, chain, {
      ...toolchainNeeds(options),
      qemuArch: undefined,
      cov: false,
    });
    const build = await resolveCrateBuild(step);
    if (options.kind === 'pgo-generate' && options.correlate === 'binary')
      console.log(
        'minicov: correlate = "binary" applies to coverage builds; the PGO training build keeps its function records and names in the image, where the runtime writes the value profiles it collects',
      );
    // Checked before the long build: a crate without a library cannot have host unit tests.
    const hostBuild = runsHostTests(options, chain) ? hostTestsBuild(build, step) : undefined;
    // Checked first: a build directory cargo's linker cannot write under, or an unknown QEMU machine, stops the step
    // before anything is built.
    checkTargetDirPath(step.abs(step.paths.cargoTargetDir), build.target);
    const machine = machineOf(step);
    // The crate as it ships first: what the instrumented image is measured against, even when it does not link.
    const plain = await plainBuildFor(step, build, step.abs(step.paths.plainCargoTargetDir));
    const program = await buildInstrumented(
      step,
      build,
      options.kind,
      step.abs(step.paths.cargoTargetDir),
    ).catch((error: unknown) => {
      throw whenOutOfRoom(error, step, options.kind, plain, machine);
    });
    // Measured, and refused when it does not fit its machine, before anything can run it.
    const cost = measureBuildCost(step, program, options.kind, plain, machine);
    const hostTests =
      hostBuild &&
      (await buildInstrumented(
        step,
        hostBuild,
        options.kind,
        step.abs(step.paths.hostTestsCargoTargetDir),
      ));
    const hostTestsName = hostTestsBinaryName(options.bin);
    await replaceOutput(
      step.abs(step.paths.build),
      async (staging) => {
        await mkdir(staging, { recursive: true });
        await copyFile(program.binary, join(staging, options.bin));
        if (hostTests) await copyFile(hostTests.binary, join(staging, hostTestsName));
        const record = {
          binary: options.bin,
          kind: options.kind,
          target: build.target,
          instrumented: build.instrumented,
          rawVersion: program.report.rawVersion,
          functions: program.report.recordCount,
          ...(program.report.correlated ? { correlated: true } : {}),
          cost,
          ...(hostTests && hostBuild
            ? {
                hostTests: {
                  binary: hostTestsName,
                  target: hostBuild.target,
                  rawVersion: hostTests.report.rawVersion,
                  functions: hostTests.report.recordCount,
                },
              }
            : {}),
          toolchain: Object.fromEntries(
            step.toolchain.rows.map((row) => [
              row.tool,
              { version: row.version, llvmMajor: row.llvmMajor },
            ]),
          ),
        };
        const sources = await sourceDigests(step.workspaceRoot, [
          ...program.inputs,
          ...(hostTests?.inputs ?? []),
        ]);
        await writeBuildRecord(
          staging,
          record,
          hostTests ? [options.bin, hostTestsName] : [options.bin],
          sources,
        );
      },
      outputOnFailure,
    );
    const binaries = [
      { name: options.bin, built: program },
      ...(hostTests ? [{ name: hostTestsName, built: hostTests }] : []),
    ];
    for (const { name, built } of binaries) {
      console.log(
        `minicov: ${join(step.paths.build, name)}: ${built.report.recordCount} instrumented functions, raw profile v${built.report.rawVersion}, every compiler on LLVM ${step.llvmMajor}`,
      );
    }
  });
}
