// Where debugged processes call back: a Unix socket inside a fresh 0700 directory, so no other
// user can reach a debuggee and no inspector port is ever opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface AgentServer {
  server: Server;
  socket: string;
  /** Stops listening and removes the private directory. */
  close(): void;
}

export async function openAgentServer(): Promise<AgentServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pmdb-'));
  const socket = path.join(dir, 'agent.sock');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  return {
    server,
    socket,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
