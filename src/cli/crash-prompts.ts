// `pmdb run` with a terminal: every armed Node process of the command's tree connects here (the
// agent config in the environment names this socket). An error that escapes in one of them keeps
// it paused at the throw and opens the post-mortem prompt in its frames, while the others run on;
// crashes that come while a prompt is open wait their turn, paused. pmdb does not own these
// processes: leaving the prompt lets the crashed one go on to fail exactly as it would have.
import type { Socket } from 'node:net';
import type { AgentConfig } from '../agent/config.cjs';
import { openAgentServer, type AgentServer } from '../target/agent-server.js';
import { AgentClient } from '../target/agent-client.js';
import type { Stop } from '../target/live-target.js';
import { ScriptTable } from '../engine/scripts.js';
import { CommandError, type Command } from '../repl/types.js';
import { restart } from '../commands/control.js';
import { StopPrompt } from './stop-prompt.js';
import { END_AFTER_CRASH } from './stop-report.js';
import { rcLines } from './rc-files.js';
import { within } from '../util/within.js';

interface Crash {
  client: AgentClient;
  /** The crashed process's main script, as its agent reported it. */
  entry: string;
  stop: Stop;
}

const noRestart: Command = {
  ...restart,
  help: 'Restart the debugged program: not under pmdb run, which does not own the processes it arms. cont or quit lets the crashed process end as it would have.',
  async run() {
    throw new CommandError("pmdb run cannot restart a process: 'cont' or 'quit' lets it end as it would have");
  },
};

export class CrashPrompts {
  private readonly waiting: Crash[] = [];
  private presenting?: Promise<void>;
  /** A failure of pmdb's own at a prompt, reported once the command has ended. */
  private failure?: unknown;
  /** Resolves when a process's agent has disconnected: the process has ended. */
  private readonly gone = new WeakMap<AgentClient, Promise<void>>();
  /** Made at the first crash: until then pmdb leaves the terminal's input alone. */
  private prompt?: StopPrompt;

  private constructor(
    private readonly server: AgentServer,
    /** `--stop-on escaped`: errors library code catches stop too, and the process goes on after. */
    private readonly stopOn?: AgentConfig['stopOn'],
  ) {
    server.server.on('connection', (socket) => this.accept(socket));
  }

  static async open(stopOn?: AgentConfig['stopOn']): Promise<CrashPrompts> {
    return new CrashPrompts(await openAgentServer(), stopOn);
  }

  /** What every process of the tree inherits: run at full speed, Ctrl-C as without pmdb. */
  get config(): AgentConfig {
    return { socket: this.server.socket, tree: true, interactive: false, ...(this.stopOn && { stopOn: this.stopOn }) };
  }

  /** Resolves once no crash waits and no prompt is open. */
  async settled(): Promise<void> {
    while (this.presenting) await this.presenting;
    if (this.failure) throw this.failure;
  }

  close(): void {
    this.server.close();
  }

  private accept(socket: Socket): void {
    const client = new AgentClient(socket);
    this.gone.set(client, new Promise((resolve) => client.once('close', resolve)));
    let entry = '';
    let crashed = false;
    client.on('event', (event) => {
      if (event.event === 'hello') {
        entry = event.entry;
        client.call('pmdb.ready').catch(() => {});
      } else if (event.event === 'stopped') {
        // A `debugger;` statement, or Node's last word on the error already shown: go on.
        if (event.kind === 'pause' || crashed) {
          client.call('Debugger.resume', undefined, event.session).catch(() => {});
          return;
        }
        // After an escaped stop the process goes on: later errors stop too.
        if (event.kind !== 'escaped') crashed = true;
        this.waiting.push({ client, entry, stop: event });
        this.presenting ??= this.presentAll();
      }
    });
  }

  private async presentAll(): Promise<void> {
    for (let crash = this.waiting.shift(); crash; crash = this.waiting.shift()) {
      await this.present(crash).catch((err: unknown) => (this.failure ??= err));
    }
    this.presenting = undefined;
  }

  private async present({ client, entry, stop }: Crash): Promise<void> {
    const channel = client.thread(stop.session);
    if (!this.prompt) {
      this.prompt = new StopPrompt({
        input: process.stdin,
        output: process.stdout,
        adapt: (c) => (c === restart ? noRestart : c),
      });
      this.prompt.loop.pending.push(...rcLines());
    }
    try {
      await this.prompt.present({ channel, scripts: new ScriptTable(channel), stop, script: entry, afterCrash: END_AFTER_CRASH });
    } finally {
      // Whatever the prompt decided, the process goes on to die of its error (or, after an
      // escaped stop, to let the library handle it). Node puts the terminal back in the mode it
      // found it in as it exits: the next prompt opens after that, or its raw mode would be
      // undone under it (typed lines then echoed twice).
      await channel.call('Debugger.resume').catch(() => {});
      if (stop.kind !== 'escaped') await within(this.gone.get(client) ?? Promise.resolve(), 2000);
    }
  }
}
