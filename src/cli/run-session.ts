// `pmdb run CMD...`: runs any command with every Node process it starts armed (NODE_OPTIONS
// carries the agent's preload, as VS Code's debug terminal does). Without a terminal, an error
// that escapes in any of them is captured into a dump, `pmdb: crash dump written to PATH` goes
// to stderr, and the process then fails exactly as it would have. pmdb exits as the command does.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AGENT_ENV, type AgentConfig } from '../agent/config.cjs';
import { openAgentServer } from '../target/agent-server.js';
import { AgentClient } from '../target/agent-client.js';
import { ScriptTable } from '../engine/scripts.js';
import { LiveTarget } from '../target/live-target.js';
import { DEFAULT_LIMITS } from '../dump/capture.js';
import { dumpDirectory, writeDump } from '../dump/write-dump.js';

const agentFile = (file: string) => fileURLToPath(new URL(`../agent/${file}`, import.meta.url));

export interface RunOptions {
  dumpDir?: string;
  redact: boolean;
}

export async function runCommand(command: string[], options: RunOptions): Promise<number> {
  const agents = await openAgentServer();
  const config: AgentConfig = { socket: agents.socket, interactive: false, tree: true };
  const preloads = `--require ${quote(agentFile('preload.cjs'))} --require ${quote(agentFile('ready.cjs'))}`;
  const env = {
    ...process.env,
    [AGENT_ENV]: JSON.stringify(config),
    // The user's own NODE_OPTIONS stay, after pmdb's.
    NODE_OPTIONS: [preloads, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
  agents.server.on('connection', (socket) => watch(new AgentClient(socket), options));

  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  agents.close();
  if (ended.error) {
    process.stderr.write(`pmdb: cannot run '${command[0]}': ${(ended.error as NodeJS.ErrnoException).code ?? ended.error.message}\n`);
    return 127;
  }
  if (ended.signal) {
    // Die of the same signal, so that whoever ran pmdb sees what they would have seen.
    process.kill(process.pid, ended.signal);
    return 128 + (constants.signals[ended.signal] ?? 0);
  }
  return ended.code ?? 1;
}

/** One armed process: let it run; dump what kills it. */
function watch(client: AgentClient, options: RunOptions): void {
  const scripts = new ScriptTable(client);
  // After the live stop of a crash, Node's last word on the same error stops again: one dump.
  let dumped = false;
  client.on('event', (event) => {
    if (event.event === 'hello') {
      void client.call('pmdb.ready').catch(() => {});
      return;
    }
    if (event.event !== 'stopped') return;
    const channel = client.thread(event.session);
    if (event.kind === 'pause' || (event.kind === 'fatal' && dumped)) {
      void channel.call('Debugger.resume').catch(() => {});
      return;
    }
    dumped = true;
    void (async () => {
      try {
        const table = event.session ? new ScriptTable(channel) : scripts;
        const target = await LiveTarget.create(channel, table, event);
        const dump = await target.capture({ ...DEFAULT_LIMITS, redact: options.redact });
        const file = writeDump(dump, dumpDirectory(options.dumpDir));
        process.stderr.write(`pmdb: crash dump written to ${file}\n`);
      } catch (err) {
        process.stderr.write(`pmdb: could not write a crash dump: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      await channel.call('Debugger.resume').catch(() => {});
    })();
  });
}

/** NODE_OPTIONS splits on spaces; double quotes keep a path whole. */
function quote(file: string): string {
  return /[\s"\\]/.test(file) ? `"${file.replace(/(["\\])/g, '\\$1')}"` : file;
}
