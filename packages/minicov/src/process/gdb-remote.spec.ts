// The GDB remote protocol client against a scripted server on loopback: framing, acks, escapes, replies and failures.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GdbRemote, GdbRemoteError, parseStopReply } from './gdb-remote';

/** `$body#checksum`. */
function frame(body: string): string {
  let sum = 0;
  for (const char of body) sum = (sum + char.charCodeAt(0)) & 0xff;
  return `$${body}#${sum.toString(16).padStart(2, '0')}`;
}

let server: Server | undefined;
afterEach(() => server?.close());

/** A server on a free port that answers each packet with `answer(packet)` (undefined: no answer). */
async function scripted(
  answer: (packet: string, socket: Socket) => string | undefined,
): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  server = createServer((socket) => {
    let buffer = '';
    // The client ends each test by dropping the connection (after `k`), which the server side sees as a reset.
    socket.on('error', () => undefined);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        buffer = buffer.replace(/^\+/, '');
        const match = /^\$([^#]*)#[0-9a-f]{2}/.exec(buffer);
        if (!match) return;
        buffer = buffer.slice(match[0].length);
        const packet = match[1] as string;
        received.push(packet);
        socket.write('+');
        const reply = answer(packet, socket);
        if (reply !== undefined) socket.write(frame(reply));
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, received };
}

describe('GdbRemote', () => {
  it('breaks at an address (hardware first), runs to the stop, reads memory in chunks, and kills', async () => {
    const memory = Buffer.from([...Array(3000).keys()].map((i) => i & 0xff));
    const { port, received } = await scripted((packet) => {
      if (packet.startsWith('qSupported')) return 'PacketSize=4000';
      if (packet.startsWith('Z1')) return ''; // no hardware breakpoints: the client falls back to Z0
      if (packet.startsWith('Z0')) return 'OK';
      if (packet === 'c') return 'T05thread:01;';
      const read = /^m([0-9a-f]+),([0-9a-f]+)$/.exec(packet);
      if (read) {
        const start = parseInt(read[1] as string, 16) - 0x2000_0000;
        return memory.subarray(start, start + parseInt(read[2] as string, 16)).toString('hex');
      }
      return undefined;
    });
    const remote = await GdbRemote.connect('127.0.0.1', port, 2000, 'the fix');
    await remote.breakAt(0x1234n, 1000);
    expect(await remote.continueUntilStop(1000)).toMatchObject({ kind: 'signal', signal: 5 });
    expect((await remote.readMemory(0x2000_0000n, 3000, 1000)).equals(memory)).toBe(true);
    await remote.kill();
    expect(received).toEqual([
      'qSupported:swbreak+;hwbreak+',
      'Z1,1234,2',
      'Z0,1234,2',
      'c',
      'm20000000,400',
      'm20000400,400',
      'm20000800,3b8',
      'k',
    ]);
  });

  it('undoes run-length encoding, and skips console output before a reply', async () => {
    const { port } = await scripted((packet, socket) => {
      if (packet.startsWith('qSupported')) return '';
      if (packet === 'c') {
        socket.write(frame('O6869')); // "hi" on the target's console
        return 'W00';
      }
      // Run-length encoded: '0', then '*' and ' ' (32 - 29 = 3 more of it), then "00": six hex digits.
      if (packet.startsWith('m')) return '0* 00';
      return undefined;
    });
    const remote = await GdbRemote.connect('127.0.0.1', port, 2000, 'the fix');
    expect(await remote.continueUntilStop(1000)).toEqual({
      kind: 'exited',
      status: 0,
      packet: 'W00',
    });
    expect((await remote.readMemory(0n, 3, 1000)).toString('hex')).toBe('000000');
    await remote.kill();
  });

  it('names an error reply, a short read, a server that stays silent, and one that closes the connection', async () => {
    const { port } = await scripted((packet, socket) => {
      if (packet.startsWith('qSupported')) return '';
      if (packet === 'm10,4') return 'E14';
      if (packet === 'm20,4') return 'abcd';
      if (packet === 'c') return undefined;
      if (packet === '?') {
        socket.destroy();
        return undefined;
      }
      return undefined;
    });
    const remote = await GdbRemote.connect('127.0.0.1', port, 2000, 'the fix');
    await expect(remote.readMemory(0x10n, 4, 1000)).rejects.toThrow(
      `reading 4 bytes at 0x10 from the GDB server at 127.0.0.1:${port} failed (it answered "E14")`,
    );
    await expect(remote.request('m10,4', 1000)).rejects.toThrow(
      `the GDB server at 127.0.0.1:${port} answered m10,4 with error E14`,
    );
    await expect(remote.readMemory(0x20n, 4, 1000)).rejects.toThrow(
      `reading 4 bytes at 0x20 from the GDB server at 127.0.0.1:${port} failed (it answered "abcd")`,
    );
    await expect(remote.continueUntilStop(300)).rejects.toThrow(
      `the GDB server at 127.0.0.1:${port} gave no stop within 0.3 s (waiting for the target to stop)`,
    );
    await expect(remote.request('?', 1000)).rejects.toThrow(GdbRemoteError);
    await expect(remote.request('?', 1000)).rejects.toThrow(
      `the GDB server at 127.0.0.1:${port} is gone`,
    );
    await remote.kill();
  });

  it('says when nothing listens on the port', async () => {
    const { port } = await scripted(() => undefined);
    server?.close();
    await expect(GdbRemote.connect('127.0.0.1', port, 300, 'start the server')).rejects.toThrow(
      `no GDB server answered at 127.0.0.1:${port} within 0.3 s`,
    );
  });
});

describe('parseStopReply', () => {
  it('reads signals, exits and termination by a signal, and refuses anything else', () => {
    expect(parseStopReply('S05', 'a', 'f')).toEqual({ kind: 'signal', signal: 5, packet: 'S05' });
    expect(parseStopReply('W01', 'a', 'f')).toEqual({ kind: 'exited', status: 1, packet: 'W01' });
    expect(parseStopReply('X09', 'a', 'f')).toEqual({ kind: 'exited', status: 137, packet: 'X09' });
    expect(() => parseStopReply('OK', 'a', 'f')).toThrow('answered "continue" with "OK"');
  });
});
