// Where debugged processes call back: a Unix socket inside a fresh 0700 directory, so no other
// user can reach a debuggee and no inspector port is ever opened. A connection counts only once
// its first line carries the secret pmdb gave the agents it armed (docs/security.md): any other
// process of the same user that finds the socket is dropped, unheard.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { handshakeLine } from '../protocol/handshake.js';
import { traceNote } from '../util/debug-log.js';
import { makeChannelDirectory } from './channel-directory.js';

/** An agent that has not proved itself within this time is dropped. */
const HANDSHAKE_MS = 30_000;

export interface AgentServer {
  server: Server;
  socket: string;
  /** What the agents pmdb arms must send first (their config carries it). */
  secret: string;
  /** Stops listening and removes the private directory. */
  close(): void;
}

/** `onAgent` gets each connection that proved itself, with nothing read from it past the secret. */
export async function openAgentServer(onAgent: (socket: Socket) => void): Promise<AgentServer> {
  const { dir, remove } = makeChannelDirectory();
  const socket = path.join(dir, 'agent.sock');
  const secret = randomBytes(32).toString('hex');
  const expected = Buffer.from(handshakeLine(secret));
  const server = createServer((connection) => {
    void proven(connection, expected).then((ok) => {
      if (!ok) return connection.destroy();
      onAgent(connection);
      // Paused while the handshake was taken off: the reader onAgent attached takes the rest.
      connection.resume();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socket, resolve);
    });
  } catch (err) {
    remove();
    throw err;
  }
  return {
    server,
    socket,
    secret,
    close: () => {
      server.close();
      remove();
    },
  };
}

/** Reads exactly the handshake's bytes; whatever follows stays in the socket for its reader. */
function proven(connection: Socket, expected: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (ok: boolean, why?: string) => {
      clearTimeout(timer);
      connection.off('data', onData);
      connection.off('error', onEnd);
      connection.off('close', onEnd);
      if (why) traceNote(`dropped a connection to the agent socket: ${why}`);
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Compared whole, never by prefix: how long a connection stays open tells nothing of the secret.
      if (received.length < expected.length) return;
      if (!timingSafeEqual(received.subarray(0, expected.length), expected)) return finish(false, 'wrong handshake');
      connection.pause();
      if (received.length > expected.length) connection.unshift(received.subarray(expected.length));
      finish(true);
    };
    const onEnd = () => finish(false, 'closed before its handshake');
    const timer = setTimeout(() => finish(false, 'no handshake in time'), HANDSHAKE_MS);
    timer.unref();
    connection.on('data', onData);
    connection.once('error', onEnd);
    connection.once('close', onEnd);
  });
}
