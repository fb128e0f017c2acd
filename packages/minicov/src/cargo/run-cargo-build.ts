// The one way a crate is built: its plan, stale artifacts cleaned when the wrapper's flags change, cargo run.
import { runTool, type RunToolOptions, type ToolOutput } from '../process/run-tool';
import { ToolFailedError } from '../process/tool-errors';
import type { CargoBuildKind } from '../model/build-kind';
import { buildPlan, type BuildPlan } from './build-plan';
import type { ResolvedCrateBuild } from './crate-build';
import { prebuiltStdSysroot } from './std-sysroot';
import type { CrateBuildInput } from './crate-build-input';
import { cleanOnFlagChange, cleanOnSysrootChange, flagsDigest } from './flags-stamp';
import { checkTargetDirPath } from './target-dir-path';
import { lastBuildNote, lastBuildSeconds, recordBuildSeconds } from './build-duration';

/** What sets one build of a crate apart from its other builds. */
export interface CargoBuildRequest {
  kind: CargoBuildKind;
  /** Cargo's target directory for this build (absolute). */
  targetDir: string;
  /** The merged profile a pgo-use build reads. */
  profdata?: string;
  /** What else must rebuild the instrumented crates when it changes (a pgo-use build: the profile's contents). */
  stampExtra?: string;
  /** The line printed before cargo starts. */
  announce: string;
  /** Run cargo with -vv (shows build-script output, where clang's warnings appear). */
  verbose?: boolean;
  /** Which of cargo's output streams are shown while it runs. */
  echo?: RunToolOptions['echo'];
  /** On a failed build, print this many last lines of cargo's stderr (for a build whose output was not shown). */
  failureTailLines?: number;
}

/** The plan cargo ran and what it printed. */
export interface CargoBuildOutcome {
  plan: BuildPlan;
  output: ToolOutput;
}

/** Builds `build` as `request` asks; throws on a target directory cargo cannot use, or a failed build. */
export async function runCargoBuild(
  crate: CrateBuildInput,
  build: ResolvedCrateBuild,
  request: CargoBuildRequest,
): Promise<CargoBuildOutcome> {
  const { kind, targetDir, profdata } = request;
  checkTargetDirPath(targetDir, build.target);
  const stdSysroot = build.buildStd
    ? await prebuiltStdSysroot({
        cargo: crate.toolchain.cargo.path,
        rustc: build.rustc,
        rustcSysroot: build.sysroot,
        host: crate.toolchain.rustc.details.host,
        target: build.target,
        crates: build.buildStd,
        workspaceRoot: crate.workspaceRoot,
        cargoWorkspaceRoot: build.cargoWorkspaceRoot,
        cargoCwd: build.cargoCwd,
      })
    : undefined;
  const plan = buildPlan({
    ...build,
    kind,
    profdata,
    targetDir,
    stdSysroot,
    userRustcWrapper: process.env.RUSTC_WRAPPER,
  });
  const cargo = crate.toolchain.cargo.path;
  await cleanOnSysrootChange(targetDir, build.target, stdSysroot);
  // The wrapper's flags (and a pgo-use build's profile) are invisible to cargo: when they change, the
  // instrumented crates are rebuilt.
  await cleanOnFlagChange(
    cargo,
    build.cargoCwd,
    plan,
    build.instrumented,
    build.target,
    targetDir,
    flagsDigest(plan, request.stampExtra),
  );
  // Progress for a build that may take minutes: how long the last one in this directory took.
  console.log(`${request.announce}${lastBuildNote(await lastBuildSeconds(targetDir))}`);
  const started = performance.now();
  const output = await runTool(cargo, [...(request.verbose ? ['-vv'] : []), ...plan.args], {
    cwd: build.cargoCwd,
    env: plan.env,
    echo: request.echo,
    fix: `fix the build error above; \`nx run ${crate.projectName}:toolchain\` shows the tools in use`,
  }).catch((error: unknown) => {
    if (request.failureTailLines !== undefined && error instanceof ToolFailedError)
      console.error(error.stderr.split('\n').slice(-request.failureTailLines).join('\n'));
    throw error;
  });
  await recordBuildSeconds(targetDir, (performance.now() - started) / 1000);
  return { plan, output };
}
