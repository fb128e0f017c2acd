// Everything a step needs, resolved once: workspace and project paths, the pin, and the checked toolchain.
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { MinicovError } from './errors';
import { chainPaths, type Chain, type ChainPaths } from './model/output-layout';
import type { CrateOptions } from './model/step-options';
import { readLlvmPin } from './toolchain/llvm-pin';
import { probeContextFor } from './toolchain/probe-context';
import { resolveToolchain, type ResolvedToolchain } from './toolchain/resolve-toolchain';
import type { ToolchainNeeds } from './toolchain/toolchain-needs';

/** A step's resolved view of the world. */
export interface StepContext {
  workspaceRoot: string;
  projectName: string;
  /** Workspace-relative project root. */
  projectRoot: string;
  options: CrateOptions;
  llvmMajor: number;
  toolchain: ResolvedToolchain;
  /** Workspace-relative output locations of this chain. */
  paths: ChainPaths;
  /** An absolute path inside the workspace. */
  abs(relativePath: string): string;
}

/** The project root of the task being run; throws when Nx gave no project (a target run outside a project). */
export function projectRootOf(context: ExecutorContext): string {
  const name = context.projectName;
  const project = name ? context.projectsConfigurations?.projects[name] : undefined;
  if (!project) {
    throw new MinicovError(
      'minicov executors run for a project, and Nx gave none',
      'run the target as `nx run <project>:<target>`',
    );
  }
  return project.root;
}

/** The workspace-relative output locations of the executing project's `chain`, known before any tool is checked. */
export function projectChainPaths(context: ExecutorContext, chain: Chain): ChainPaths {
  return chainPaths(projectRootOf(context), context.projectName as string, chain);
}

/** Validates the pin and resolves and checks the toolchain the step needs, before any work starts. */
export async function resolveStepContext(
  options: CrateOptions,
  context: ExecutorContext,
  chain: Chain,
  needs: ToolchainNeeds,
): Promise<StepContext> {
  const llvmMajor = readLlvmPin(options.llvmMajor);
  const projectRoot = projectRootOf(context);
  const projectName = context.projectName as string;
  const toolchain = await resolveToolchain(
    llvmMajor,
    needs,
    probeContextFor(join(context.root, projectRoot)),
  );
  return {
    workspaceRoot: context.root,
    projectName,
    projectRoot,
    options,
    llvmMajor,
    toolchain,
    paths: projectChainPaths(context, chain),
    abs: (relativePath) => join(context.root, relativePath),
  };
}
