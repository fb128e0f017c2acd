// A client of the GDB remote serial protocol over TCP: what a run needs of a GDB server (QEMU's gdbstub, OpenOCD,
// pyOCD, J-Link GDB Server, probe-rs): break at an address, continue until the target stops, read memory, kill.
import { connect, type Socket } from 'node:net';
import { MinicovError } from '../errors';

/** The GDB server could not be reached, answered with an error, broke the protocol, or did not answer in time. */
export class GdbRemoteError extends MinicovError {}

/** How the target stopped: a signal (a breakpoint is SIGTRAP, 5), or it exited with a status. */
export type StopReply =
  | { kind: 'signal'; signal: number; packet: string }
  | { kind: 'exited'; status: number; packet: string };

/** Most bytes one `m` packet asks for (servers announce PacketSize; this is below every common one). */
const READ_CHUNK = 1024;

/** One connection to a GDB server. */
export class GdbRemote {
  private buffer = '';
  private waiters: ((packet: string) => void)[] = [];
  private closedBecause: string | undefined;

  private constructor(
    private readonly socket: Socket,
    /** `host:port`, for messages. */
    readonly address: string,
    private readonly fix: string,
  ) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('close', () => this.closed('the server closed the connection'));
    socket.on('error', (error) => this.closed(error.message));
  }

  /** Connects to `host:port`, retrying until `timeoutMs` passes (a server takes a moment to listen). */
  static async connect(
    host: string,
    port: number,
    timeoutMs: number,
    fix: string,
  ): Promise<GdbRemote> {
    const address = `${host}:${port}`;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      let socket: Socket | undefined;
      try {
        socket = await new Promise<Socket>((resolve, reject) => {
          const attempt = connect({ host, port }, () => resolve(attempt));
          attempt.once('error', reject);
        });
        const remote = new GdbRemote(socket, address, fix);
        await remote.request('qSupported:swbreak+;hwbreak+', timeoutMs);
        return remote;
      } catch (error) {
        socket?.destroy();
        last = error instanceof Error ? error.message : String(error);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new GdbRemoteError(
      `no GDB server answered at ${address} within ${timeoutMs / 1000} s (${last})`,
      fix,
    );
  }

  /** Sends `packet` and returns the server's reply; throws on an `E<nn>` error reply. */
  async request(packet: string, timeoutMs: number): Promise<string> {
    const reply = await this.exchange(packet, timeoutMs);
    if (/^E[0-9a-fA-F]{2}$/.test(reply))
      throw new GdbRemoteError(
        `the GDB server at ${this.address} answered ${packet} with error ${reply}`,
        this.fix,
      );
    return reply;
  }

  /** Sets a breakpoint at `address`: a hardware one (code in flash cannot be patched), else a software one. */
  async breakAt(address: bigint, timeoutMs: number): Promise<void> {
    const where = `${address.toString(16)},2`;
    if ((await this.exchange(`Z1,${where}`, timeoutMs)) === 'OK') return;
    const reply = await this.exchange(`Z0,${where}`, timeoutMs);
    if (reply !== 'OK')
      throw new GdbRemoteError(
        `the GDB server at ${this.address} set no breakpoint at 0x${address.toString(16)} (it answered "${reply}" to Z1 and Z0)`,
        this.fix,
      );
  }

  /** Lets the target run until it stops; throws when it does not stop within `timeoutMs`. */
  async continueUntilStop(timeoutMs: number): Promise<StopReply> {
    const reply = await this.exchange('c', timeoutMs, 'the target to stop');
    return parseStopReply(reply, this.address, this.fix);
  }

  /** `size` bytes of target memory at `address`, read in chunks. */
  async readMemory(address: bigint, size: number, timeoutMs: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let at = 0; at < size; at += READ_CHUNK) {
      const length = Math.min(READ_CHUNK, size - at);
      const start = address + BigInt(at);
      const reply = await this.exchange(`m${start.toString(16)},${length.toString(16)}`, timeoutMs);
      if (!/^([0-9a-fA-F]{2})*$/.test(reply) || reply.length !== length * 2)
        throw new GdbRemoteError(
          `reading ${length} bytes at 0x${start.toString(16)} from the GDB server at ${this.address} failed (it answered "${reply.slice(0, 40)}")`,
          this.fix,
        );
      parts.push(Buffer.from(reply, 'hex'));
    }
    return Buffer.concat(parts);
  }

  /** Asks the server to end the target (no reply is expected), then closes the connection. */
  async kill(): Promise<void> {
    if (this.closedBecause === undefined) {
      this.socket.write(frame('k'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.socket.destroy();
  }

  private async exchange(
    packet: string,
    timeoutMs: number,
    awaiting = 'an answer',
  ): Promise<string> {
    if (this.closedBecause !== undefined)
      throw new GdbRemoteError(
        `the GDB server at ${this.address} is gone (${this.closedBecause})`,
        this.fix,
      );
    const reply = new Promise<string>((resolve) => this.waiters.push(resolve));
    this.socket.write(frame(packet));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GdbRemoteError(
              `the GDB server at ${this.address} gave no ${awaiting === 'an answer' ? `answer to ${packet.split(/[,:]/)[0]}` : 'stop'} within ${timeoutMs / 1000} s (waiting for ${awaiting})`,
              this.fix,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      const answer = await Promise.race([reply, timeout]);
      if (answer === CLOSED)
        throw new GdbRemoteError(
          `the GDB server at ${this.address} closed the connection while minicov waited for ${awaiting} (${this.closedBecause})`,
          this.fix,
        );
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      this.buffer = this.buffer.replace(/^[+-]+/, '');
      const start = this.buffer.indexOf('$');
      if (start < 0) return;
      const end = this.buffer.indexOf('#', start);
      if (end < 0 || this.buffer.length < end + 3) return;
      const body = this.buffer.slice(start + 1, end);
      this.buffer = this.buffer.slice(end + 3);
      this.socket.write('+');
      // `O` packets are the target's console output, sent before the real reply.
      if (/^O[0-9a-fA-F]+$/.test(body)) continue;
      this.waiters.shift()?.(unescape(body));
    }
  }

  private closed(reason: string): void {
    this.closedBecause ??= reason;
    for (const waiter of this.waiters.splice(0)) waiter(CLOSED);
  }
}

/** What a waiter receives when the connection closes under it. */
const CLOSED = '\u0000closed';

/** `$packet#checksum`. */
function frame(packet: string): string {
  let sum = 0;
  for (const char of packet) sum = (sum + char.charCodeAt(0)) & 0xff;
  return `$${packet}#${sum.toString(16).padStart(2, '0')}`;
}

/** A packet body with `}`-escapes and run-length encoding undone. */
function unescape(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char === '}' && i + 1 < body.length) {
      out += String.fromCharCode(body.charCodeAt(++i) ^ 0x20);
    } else if (char === '*' && i + 1 < body.length && out.length > 0) {
      const repeat = body.charCodeAt(++i) - 29;
      out += out.slice(-1).repeat(repeat);
    } else out += char;
  }
  return out;
}

/** Reads a stop reply: `S05`, `T05...` (a signal), `W00` (exited with a status), `X09` (ended by a signal). */
export function parseStopReply(reply: string, address: string, fix: string): StopReply {
  const stopped = /^[ST]([0-9a-fA-F]{2})/.exec(reply);
  if (stopped) return { kind: 'signal', signal: parseInt(stopped[1] as string, 16), packet: reply };
  const exited = /^[WX]([0-9a-fA-F]{2})/.exec(reply);
  if (exited)
    return {
      kind: 'exited',
      status: parseInt(exited[1] as string, 16) + (reply.startsWith('X') ? 128 : 0),
      packet: reply,
    };
  throw new GdbRemoteError(
    `the GDB server at ${address} answered "continue" with "${reply.slice(0, 40)}", not a stop reply`,
    fix,
  );
}
