// One run under a GDB server: the server (QEMU's gdbstub, or the crate's own command for a probe) holds the target,
// a breakpoint at the stop symbol ends the run, and the profile is written on the host from the binary and the
// counters read from the target's memory. The device needs no capture call, no writer and no semihosting.
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { BoardLoad } from '../board/board-images';
import type { RawVersion } from '../profile/data-record-layout';
import { countedMemory, rawProfileFromMemory } from '../profile/raw-profile-from-memory';
import type { BinaryFacts } from '../profile/verify-profile';
import { GdbRemote, GdbRemoteError } from '../process/gdb-remote';
import { runTool, type ToolOutput } from '../process/run-tool';
import { ToolFailedError, ToolNotFoundError } from '../process/tool-errors';
import type { RunOutcome } from './profiled-run';
import { verifyKeepingRejected } from './profiled-run';
import { exitMeaning, outputTail, RunFailedError } from './run-failure';
import { runCommand } from './run-command';

/** What one run under a GDB server needs. */
export interface GdbRun {
  /** The run as messages name it, e.g. `fw run 1`. */
  label: string;
  binary: string;
  /** The run's own, new directory, where its profile is written. */
  directory: string;
  /** The profile's file name in `directory`. */
  profileName: string;
  stopSymbol: string;
  timeoutSeconds: number;
  /** The crate's server command ({bin}, {port}); undefined: QEMU's gdbstub on `qemu`. */
  server?: readonly string[];
  qemu?: { path: string; machine: string; boardLoads: readonly BoardLoad[] };
  rejectedDirectory: string;
}

/** Seconds a server has to start listening. */
const CONNECT_SECONDS = 20;

/** Runs `run` to its stop symbol, writes its profile from the target's counters, and checks it against `built`. */
export async function runUnderGdb(
  run: GdbRun,
  built: BinaryFacts & { rawVersion: RawVersion },
): Promise<RunOutcome> {
  const stop = built.elf.symbol(run.stopSymbol);
  if (!stop) {
    throw new RunFailedError(
      `${run.label}: ${run.binary} has no symbol ${run.stopSymbol}, where the gdb runner ends a run and reads the counters`,
      `call a function named ${run.stopSymbol} when the work is done (#[no_mangle] #[inline(never)] pub extern "C" fn ${run.stopSymbol}() {}), or name the function with stop-symbol in [package.metadata.minicov]`,
    );
  }
  await mkdir(run.directory, { recursive: true });
  const port = await freePort();
  const { file, args } = serverCommand(run, port);
  const fix = run.server
    ? `check that \`${[file, ...args].join(' ')}\` starts a GDB server on port ${port} when run by hand (gdb-server in [package.metadata.minicov])`
    : `check that ${file} runs by hand with -gdb tcp:127.0.0.1:${port} -S`;
  console.log(`minicov: ${run.label}: ${[file, ...args].join(' ')}`);
  const abort = new AbortController();
  let serverEnded: ToolOutput | Error | undefined;
  const server = runTool(file, args, {
    cwd: run.directory,
    allowFailure: true,
    echo: true,
    ownProcessGroup: true,
    timeoutMs: (run.timeoutSeconds + CONNECT_SECONDS) * 1000,
    abort: abort.signal,
    fix,
  }).then(
    (output) => (serverEnded = output),
    (error: Error) => (serverEnded = error),
  );
  const gone = server.then(() => {
    throw serverGone(run, file, serverEnded, port);
  });
  try {
    const remote = await Promise.race([
      GdbRemote.connect('127.0.0.1', port, CONNECT_SECONDS * 1000, fix),
      gone,
    ]);
    try {
      const address = stop.value & ~1n; // a Thumb function's symbol has bit 0 set
      await remote.breakAt(address, 5000);
      const stopped = await Promise.race([
        remote.continueUntilStop(run.timeoutSeconds * 1000).catch((error: unknown) => {
          if (error instanceof GdbRemoteError && /within/.test(error.message))
            throw new RunFailedError(
              `${run.label} did not reach ${run.stopSymbol} within ${run.timeoutSeconds} s and was stopped; no profile is kept`,
              `make the program call ${run.stopSymbol} when its work is done, or raise package.metadata.minicov.timeout`,
            );
          throw error;
        }),
        gone,
      ]);
      if (stopped.kind === 'exited')
        throw new RunFailedError(
          `${run.label} exited with status ${stopped.status}${exitMeaning('qemu', stopped.status)} before reaching ${run.stopSymbol}; no profile is kept`,
          `make the program call ${run.stopSymbol} before it exits`,
        );
      const memory = countedMemory(built.elf);
      const counters = await remote.readMemory(
        memory.counters.address,
        memory.counters.size,
        10_000,
      );
      const bitmap = await remote.readMemory(memory.bitmap.address, memory.bitmap.size, 10_000);
      const profile = join(run.directory, run.profileName);
      await writeFile(profile, rawProfileFromMemory(built.elf, built.rawVersion, counters, bitmap));
      await verifyKeepingRejected(profile, built, run.rejectedDirectory);
      console.log(
        `minicov: ${run.label}: stopped at ${run.stopSymbol}; read ${memory.counters.size} bytes of counters and ${memory.bitmap.size} of bitmap into ${run.profileName}`,
      );
      return { profiles: 1 };
    } finally {
      await remote.kill();
    }
  } finally {
    gone.catch(() => undefined);
    abort.abort();
    await server;
  }
}

/**
 * The server's program and arguments: the crate's command with {bin} and {port}, or the qemu runner's command (the
 * board loaded as a flashed one) halted at reset with its gdbstub on `port`.
 */
function serverCommand(run: GdbRun, port: number): { file: string; args: string[] } {
  if (run.server) {
    const [file, ...args] = run.server.map((part) =>
      part.replaceAll('{bin}', run.binary).replaceAll('{port}', String(port)),
    );
    return { file: file as string, args };
  }
  if (!run.qemu)
    throw new Error('a gdb run without a server command needs QEMU and its board images');
  const qemu = runCommand({
    runner: 'qemu',
    binary: run.binary,
    args: [],
    profile: join(run.directory, run.profileName),
    machine: run.qemu.machine,
    qemu: run.qemu.path,
    boardLoads: run.qemu.boardLoads,
  });
  return { file: qemu.file, args: [...qemu.args, '-gdb', `tcp:127.0.0.1:${port}`, '-S'] };
}

/** Why the server ended before the run was done. */
function serverGone(
  run: GdbRun,
  file: string,
  ended: ToolOutput | Error | undefined,
  port: number,
): Error {
  if (ended instanceof ToolNotFoundError) return ended;
  const how =
    ended instanceof ToolFailedError
      ? `ended (${ended.exitStatus})${outputTail('', ended.stderr)}`
      : ended instanceof Error
        ? `failed: ${ended.message}`
        : `exited with status ${ended?.exitCode}${outputTail(ended?.stdout ?? '', ended?.stderr ?? '')}`;
  const inUse = /in use/i.test(String((ended as ToolOutput | undefined)?.stderr ?? ''));
  return new RunFailedError(
    `${run.label}: the GDB server ${file} ${how}, before the run was done; no profile is kept`,
    inUse
      ? `port ${port} was taken by another program between minicov choosing it and the server binding it: run the target again`
      : run.server
        ? 'run the gdb-server command by hand to see why it stops (is the probe connected?)'
        : 'run the firmware under qemu by hand to see why it stops',
  );
}

/** A TCP port on 127.0.0.1 that nothing listens on now (the system's choice, so parallel runs never share one). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
