// The merge step names every bad profile before llvm-profdata runs
// (an llvm-profdata that logs its calls proves it never merged), the run step refuses one as soon as it is written,
// and llvm-profdata itself fails rather than skip one.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { failure } from '../../../../tools/testing/failure';
import {
  buildRealProfile,
  type RealProfile,
  type RealProfileSpec,
} from '../../../../tools/testing/real-profiles';
import { writeBuildRecord } from '../executors/build-record';
import mergeExecutor from '../executors/merge/executor';
import type { MergeOptions } from '../model/step-options';
import { chainPaths, type Chain } from '../model/output-layout';
import { mergeProfiles } from './merge-profiles';
import { runProfiled, type ProfiledRun } from '../run/profiled-run';
import { checkInstrumentedBinary } from '../board/binary-check';
import { readRawProfileHeader, RawProfileError } from './raw-profile';

const PROJECT = 'prog';

let dir: string;
let workspace: string;
let callLog: string;
let savedLlvmProfdata: string | undefined;
let coverage: RealProfile;
let pgo: RealProfile;
let otherBuild: RealProfile;
let otherVersion: RealProfile;
let otherWidth: RealProfile;

/**
 * A bad profile for `chain`, the words its rejection must contain, and how it is made from the chain's good profile.
 */
interface BadProfile {
  name: string;
  chain: Chain;
  reason: string;
  bytes: () => Buffer;
}

const cut = (real: RealProfile, section: 'counters' | 'names', keep: (size: number) => number) => {
  const { offset, size } = readRawProfileHeader(real.profile, real.bytes).sections[section];
  return real.bytes.subarray(0, offset + keep(size));
};

const BAD_PROFILES: BadProfile[] = [
  {
    name: 'an empty file',
    chain: 'coverage',
    reason: 'the file is empty',
    bytes: () => Buffer.alloc(0),
  },
  {
    name: 'a profile cut inside its counters',
    chain: 'coverage',
    reason: 'truncated: the counters section needs',
    bytes: () => cut(coverage, 'counters', (size) => size - 8),
  },
  {
    name: 'a profile whose names section is cut',
    chain: 'coverage',
    reason: 'truncated: the names section needs',
    bytes: () => cut(coverage, 'names', (size) => size >> 1),
  },
  {
    name: 'a file with the wrong magic',
    chain: 'coverage',
    reason: 'not an LLVM raw profile',
    bytes: () =>
      Buffer.concat([Buffer.from('\xfflprofX\x81', 'latin1'), coverage.bytes.subarray(8)]),
  },
  {
    name: 'a 32-bit profile for a 64-bit binary',
    chain: 'coverage',
    reason: 'written by a 32-bit program, the binary is 64-bit',
    bytes: () => otherWidth.bytes,
  },
  {
    name: 'a raw version 8 profile for a raw version 10 binary',
    chain: 'coverage',
    reason: 'raw version 8 (LLVM 14-17) but',
    bytes: () => otherVersion.bytes,
  },
  {
    name: 'counters from another build of the binary',
    chain: 'coverage',
    reason: 'was written by a different build of',
    bytes: () => otherBuild.bytes,
  },
  {
    name: 'an IR PGO profile cut inside its value data',
    chain: 'pgo',
    reason: 'truncated: the value profile data of function record',
    bytes: () => pgo.bytes.subarray(0, pgo.bytes.length - 8),
  },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minicov-before-profdata-'));
  const build = (spec: RealProfileSpec) => buildRealProfile(join(dir, 'builds'), spec);
  coverage = build({ target: 'host', llvmMajor: 22, kind: 'coverage' });
  pgo = build({ target: 'host', llvmMajor: 22, kind: 'pgo' });
  otherBuild = build({ target: 'host', llvmMajor: 22, kind: 'coverage', variant: true });
  otherVersion = build({ target: 'host', llvmMajor: 14, kind: 'coverage' });
  otherWidth = build({ target: 'cortex-m3', llvmMajor: 22, kind: 'coverage' });
  workspace = join(dir, 'workspace');
  for (const [chain, real] of [
    ['coverage', coverage],
    ['pgo', pgo],
  ] as const) {
    const binary = join(workspace, chainPaths(PROJECT, PROJECT, chain).build, PROJECT);
    mkdirSync(dirname(binary), { recursive: true });
    copyFileSync(real.binary, binary);
    await writeBuildRecord(dirname(binary), { binary: PROJECT }, [PROJECT]);
  }
  mkdirSync(join(workspace, PROJECT), { recursive: true });
  // The pinned llvm-profdata behind a script that logs every call, so that a test can tell whether it merged anything.
  callLog = join(dir, 'llvm-profdata-calls.log');
  const logging = join(dir, 'llvm-profdata');
  writeFileSync(
    logging,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${callLog}'\nexec llvm-profdata-22 "$@"\n`,
  );
  chmodSync(logging, 0o755);
  savedLlvmProfdata = process.env.LLVM_PROFDATA;
  process.env.LLVM_PROFDATA = logging;
});

afterAll(() => {
  if (savedLlvmProfdata === undefined) delete process.env.LLVM_PROFDATA;
  else process.env.LLVM_PROFDATA = savedLlvmProfdata;
  rmSync(dir, { recursive: true, force: true });
});

/** Puts `profiles` (one per run directory) where the run step of `chain` leaves them, replacing what was there. */
function placeProfiles(chain: Chain, profiles: Buffer[]): string[] {
  const root = join(workspace, chainPaths(PROJECT, PROJECT, chain).profiles);
  rmSync(root, { recursive: true, force: true });
  return profiles.map((bytes, index) => {
    const file = join(root, `run-${index}`, `${PROJECT}.profraw`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    return file;
  });
}

/**
 * Runs the merge executor for `chain`;
 * returns its result, what it printed as the error, and llvm-profdata's merge calls.
 */
async function merge(
  chain: Chain,
): Promise<{ success: boolean; printed: string; merges: string[] }> {
  rmSync(callLog, { force: true });
  rmSync(join(workspace, chainPaths(PROJECT, PROJECT, chain).merged), { force: true });
  const context = {
    root: workspace,
    cwd: workspace,
    projectName: PROJECT,
    targetName: `${chain}-merge`,
    isVerbose: false,
    projectsConfigurations: { version: 2, projects: { [PROJECT]: { root: PROJECT } } },
  } as unknown as ExecutorContext;
  const options = {
    bin: PROJECT,
    runner: 'host',
    runs: [[]],
    timeoutSeconds: 60,
    cModules: false,
    hostTests: false,
    mergeFailedRuns: false,
    linkFragment: false,
    correlate: 'none',
    stopSymbol: 'minicov_stop',
    llvmMajor: 22,
    chain,
  } as MergeOptions;
  const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const { success } = await mergeExecutor(options, context);
    const calls = existsSync(callLog) ? readFileSync(callLog, 'utf8').split('\n') : [];
    // Resolving the toolchain asks llvm-profdata its version (`merge --version`); anything else is a real merge.
    const merges = calls.filter((call) => call.startsWith('merge ') && call !== 'merge --version');
    return {
      success,
      printed: printed.mock.calls.map((call) => call.join(' ')).join('\n'),
      merges,
    };
  } finally {
    printed.mockRestore();
    logged.mockRestore();
  }
}

describe('the merge step rejects each bad profile before llvm-profdata runs', () => {
  for (const chain of ['coverage', 'pgo'] as const) {
    it(`merges the ${chain} chain's good profiles with one llvm-profdata call (the control)`, async () => {
      const good = chain === 'coverage' ? coverage : pgo;
      placeProfiles(chain, [good.bytes, good.bytes]);
      const result = await merge(chain);
      expect(result.success, result.printed).toBe(true);
      expect(result.merges).toHaveLength(1);
      expect(existsSync(join(workspace, chainPaths(PROJECT, PROJECT, chain).merged))).toBe(true);
    });
  }

  for (const bad of BAD_PROFILES) {
    it(`rejects ${bad.name}, naming the file and the reason, and merges nothing`, async () => {
      const good = bad.chain === 'coverage' ? coverage : pgo;
      const [, badFile] = placeProfiles(bad.chain, [good.bytes, bad.bytes()]);
      const result = await merge(bad.chain);
      expect(result.success).toBe(false);
      expect(result.printed).toContain(`${badFile}: `);
      expect(result.printed).toContain(bad.reason);
      expect(result.printed).toContain('fix: ');
      expect(result.merges).toEqual([]);
      expect(existsSync(join(workspace, chainPaths(PROJECT, PROJECT, bad.chain).merged))).toBe(
        false,
      );
    });
  }
});

describe('the run step and llvm-profdata itself', () => {
  it('the run step refuses a bad profile as soon as the program has written it, and keeps it where the error says', async () => {
    const built = await checkInstrumentedBinary(
      join(workspace, chainPaths(PROJECT, PROJECT, 'coverage').build, PROJECT),
      { llvmMajor: 22 },
    );
    const directory = join(dir, 'run');
    const written = join(directory, `${PROJECT}.profraw`);
    const damaged = join(dir, 'damaged.profraw');
    writeFileSync(
      damaged,
      cut(coverage, 'names', (size) => size >> 1),
    );
    const run: ProfiledRun = {
      label: `${PROJECT} run 1`,
      file: 'cp',
      args: [damaged, written],
      directory,
      llvmProfileFile: join(directory, `${PROJECT}-%m.profraw`),
      runner: 'command',
      timeoutSeconds: 60,
      failureFix: 'fix the program',
      noProfileFix: 'write a profile',
      rejectedDirectory: join(dir, 'rejected', 'run-0'),
    };
    const error = await failure(runProfiled(run, built));
    expect(error).toBeInstanceOf(RawProfileError);
    const kept = join(dir, 'rejected', 'run-0', `${PROJECT}.profraw`);
    expect(error.message).toContain(`${kept}: truncated: the names section needs`);
    expect(readFileSync(kept)).toEqual(readFileSync(damaged));
  });

  it('a merge fails when any one profile cannot be read, rather than leaving it out', async () => {
    const [good, bad] = placeProfiles('coverage', [
      coverage.bytes,
      cut(coverage, 'counters', (size) => size - 8),
    ]);
    const output = join(dir, 'unchecked.profdata');
    const error = await failure(
      mergeProfiles('llvm-profdata-22', [good as string, bad as string], output, dir, 'run again'),
    );
    expect(error.message).toContain(bad);
    expect(error.message).toContain(`-o ${output} `);
    expect(error.message).not.toContain('.partial-');
    expect(existsSync(output)).toBe(false);
  });
});
