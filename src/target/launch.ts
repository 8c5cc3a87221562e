// Starts a script under the agent: a Node child process with the preload, connected back to us
// over the private socket of agent-server.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { AGENT_ENV, type AgentConfig } from '../agent/config.cjs';
import { openAgentServer } from './agent-server.js';
import { AgentClient } from './agent-client.js';
import type { AgentEvent } from '../protocol/messages.js';
import { nodeArgs } from './loaders.js';

export interface Launched {
  child: ChildProcess;
  client: AgentClient;
  hello: Extract<AgentEvent, { event: 'hello' }>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The program's descriptor for the channel's secret (agent/secret-pipe.cts): the first after stdio. */
const SECRET_FD = 3;

export interface LaunchOptions {
  script: string;
  args: string[];
  interactive: boolean;
  stopOn?: AgentConfig['stopOn'];
}

export async function launch(options: LaunchOptions): Promise<Launched> {
  let agentConnected: ((socket: Socket) => void) | undefined;
  const connected = new Promise<Socket>((resolve) => (agentConnected = resolve));
  // One agent per launch: the program's (its own children are not armed by this config).
  const { socket, secret, close } = await openAgentServer((agent) => {
    if (!agentConnected) return agent.destroy();
    agentConnected(agent);
    agentConnected = undefined;
  });
  const config: AgentConfig = { socket, secretFd: SECRET_FD, interactive: options.interactive, ...(options.stopOn && { stopOn: options.stopOn }) };
  const child = spawn(
    process.execPath,
    [...nodeArgs(options.script), options.script, ...options.args],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
      env: { ...process.env, [AGENT_ENV]: JSON.stringify(config) },
    },
  );
  const secretPipe = child.stdio[SECRET_FD] as Writable | null;
  // A program that died before reading it: nothing to report.
  secretPipe?.on('error', () => {});
  secretPipe?.end(secret);
  // The program belongs to this pmdb: whatever ends pmdb ends it too.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve({ code, signal });
    });
    child.once('error', () => resolve({ code: 127, signal: null }));
  });
  try {
    const { client, hello } = await accept(connected, exited);
    return { child, client, hello, exited };
  } finally {
    close();
  }
}

/** The program's agent, the first to prove itself (agent-server.ts), and its hello. */
function accept(
  connected: Promise<Socket>,
  exited: Promise<unknown>,
): Promise<{ client: AgentClient; hello: Extract<AgentEvent, { event: 'hello' }> }> {
  return new Promise((resolve, reject) => {
    void exited.then(() => reject(new Error('the program exited before the debugger could attach')));
    void connected.then((socket) => {
      const client = new AgentClient(socket);
      client.once('event', (event) => {
        if (event.event === 'hello') resolve({ client, hello: event });
        else reject(new Error(`unexpected first message from the agent: ${event.event}`));
      });
    });
  });
}
