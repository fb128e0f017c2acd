// Shared lookup for tools found by an ordered list of candidates (an override first, then names on PATH).
import { statSync } from 'node:fs';
import { findOnPath, isExecutableFile } from '../process/find-on-path';
import { runTool } from '../process/run-tool';
import { rememberedQuery } from './remembered-query';
import { ToolNotExecutableError, ToolNotFoundError } from '../process/tool-errors';
import type { ProbeContext } from './probe-context';
import type { ResolvedTool, ToolKind } from './resolved-tool';

/** One place a tool may be: a program name or path, and how to describe where it came from. */
export interface ToolCandidate {
  program: string;
  foundBy: string;
}

/** How to find, run and read one kind of tool. */
export interface CandidateLookup {
  kind: ToolKind;
  /** An environment variable that, when set, is the only candidate (e.g. CC, LLVM_COV). */
  overrideVariable?: string;
  candidates: ToolCandidate[];
  versionArgs: string[];
  parse(output: string, tool: string): { version: string; llvmMajor?: number };
  /** What to install or set when no candidate exists. */
  installFix: string;
  /** Prefer the first candidate on this LLVM major over earlier ones on another major. */
  preferLlvmMajor?: number;
}

/** Finds the tool: the override if set (checked, never skipped), else the best candidate that exists. */
export async function probeCandidates(
  lookup: CandidateLookup,
  context: ProbeContext,
): Promise<ResolvedTool> {
  const override = lookup.overrideVariable ? context.env[lookup.overrideVariable] : undefined;
  if (override) {
    const label = `${lookup.kind} (${lookup.overrideVariable}=${override})`;
    const path = findOnPath(override, context.env.PATH, context.cwd);
    if (!path) {
      if (override.includes('/') && !isExecutableFile(override) && existsAsFile(override)) {
        throw new ToolNotExecutableError(
          label,
          `make ${override} executable (chmod +x), or point ${lookup.overrideVariable} at the real program`,
        );
      }
      throw new ToolNotFoundError(
        label,
        `point ${lookup.overrideVariable} at an installed ${lookup.kind}, or unset it`,
      );
    }
    return read(lookup, path, lookup.overrideVariable ?? '', context);
  }
  const present = lookup.candidates
    .map((candidate) => ({
      candidate,
      path: findOnPath(candidate.program, context.env.PATH, context.cwd),
    }))
    .filter(
      (entry): entry is { candidate: ToolCandidate; path: string } => entry.path !== undefined,
    );
  if (present.length === 0) {
    const names = lookup.candidates.map((candidate) => candidate.program).join(', ');
    throw new ToolNotFoundError(`${lookup.kind} (looked for ${names})`, lookup.installFix);
  }
  let first: ResolvedTool | undefined;
  for (const { candidate, path } of present) {
    const tool = await read(lookup, path, candidate.foundBy, context);
    if (lookup.preferLlvmMajor === undefined || tool.llvmMajor === lookup.preferLlvmMajor)
      return tool;
    first ??= tool;
  }
  return first as ResolvedTool;
}

async function read(
  lookup: CandidateLookup,
  path: string,
  foundBy: string,
  context: ProbeContext,
): Promise<ResolvedTool> {
  const output = await rememberedQuery(
    { files: [path], values: [lookup.kind, path, lookup.versionArgs] },
    () =>
      runTool(path, lookup.versionArgs, {
        cwd: context.cwd,
        env: context.env,
        fix: lookup.installFix,
      }),
  );
  const parsed = lookup.parse(`${output.stdout}\n${output.stderr}`, path);
  return { kind: lookup.kind, path, version: parsed.version, llvmMajor: parsed.llvmMajor, foundBy };
}

function existsAsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
