// `pmdb run` with a terminal: every armed Node process of the command's tree connects here (the
// agent config in the environment names this socket). An error that escapes in one of them keeps
// it paused at the throw and opens the post-mortem prompt in its frames, while the others run on;
// crashes that come while a prompt is open wait their turn, paused. pmdb does not own these
// processes: leaving the prompt lets the crashed one go on to fail exactly as it would have.
// Under `pmdb test` a failing test stops the same way ('escaped': the runner will take the error):
// `c` lets that process go on and pmdb serves the next failure; `q` lets every process go on and
// tells every agent to stop stopping, so the runner finishes with its own report.
import type { Socket } from 'node:net';
import type { AgentConfig } from '../agent/config.cjs';
import { openAgentServer, type AgentServer } from '../target/agent-server.js';
import { AgentClient } from '../target/agent-client.js';
import type { Stop } from '../target/live-target.js';
import { ScriptTable } from '../engine/scripts.js';
import { CommandError, type Command } from '../repl/types.js';
import { restart } from '../commands/control.js';
import { StopPrompt } from './stop-prompt.js';
import type { HeldOutput } from './held-output.js';
import { END_AFTER_CRASH, endMessage } from './stop-report.js';
import { rcLines } from './rc-files.js';
import { within } from '../util/within.js';
import { nextStepOutsideUserCode, stepOrigin, type StepOrigin } from './step-settle.js';

/** The banner's last line at a failing test. */
const AFTER_TEST = "Running 'cont' goes on to the next failure; 'quit' lets the run finish without stopping";

interface Crash {
  client: AgentClient;
  /** The crashed process's main script, as its agent reported it. */
  entry: string;
  stop: Stop;
}

/** `--stop-on escaped`, `pmdb test`: what the tree's agents stop at besides crashes. */
export interface StopOptions {
  stopOn?: AgentConfig['stopOn'];
  trace?: AgentConfig['trace'];
}

/** A stop of `pmdb test`'s: a failing test, or with --trace a test's start. */
const isTestStop = (stop: Stop) => stop.kind === 'escaped' || stop.testStarted !== undefined;

function testHeader(stop: Stop): string {
  if (stop.testStarted) return `Test started${stop.testStarted.name ? `: ${stop.testStarted.name}` : ' (pmdb cannot tell which)'}\n`;
  return `Test failed${stop.test?.name ? `: ${stop.test.name}` : ' (pmdb cannot tell which)'}\n`;
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
  /** Every process's agent, to disarm at `q`. */
  private readonly clients = new Set<AgentClient>();
  /** `q` at a test stop: the rest of the run goes on without stopping at tests. */
  private quitTests = false;
  /** A process stepped at a test prompt: its next stop comes back to that prompt (undefined: it ended). */
  private readonly stepping = new Map<AgentClient, (stop: Stop | undefined) => void>();

  private constructor(
    private readonly server: AgentServer,
    private readonly stops: StopOptions,
    /** The command's output, held while a prompt is open (`pmdb test`). */
    private readonly output?: HeldOutput,
  ) {}

  static async open(stops: StopOptions = {}, output?: HeldOutput): Promise<CrashPrompts> {
    let prompts: CrashPrompts | undefined;
    // No agent can connect before the config that names the socket is handed out.
    const server = await openAgentServer((socket) => prompts?.accept(socket));
    return (prompts = new CrashPrompts(server, stops, output));
  }

  /** What every process of the tree inherits: run at full speed, Ctrl-C as without pmdb. */
  get config(): AgentConfig {
    return { socket: this.server.socket, secret: this.server.secret, tree: true, interactive: false, ...this.stops };
  }

  /** Resolves once no crash waits and no prompt is open. */
  async settled(): Promise<void> {
    while (this.presenting) await this.presenting;
    if (this.failure) throw this.failure;
  }

  /**
   * The command has ended: processes it left running run on as they would have, told so first
   * (without that farewell an agent takes its lost channel for a dead pmdb, and ends its process).
   */
  async close(): Promise<void> {
    this.server.close();
    await Promise.all([...this.clients].map((client) => within(client.call('pmdb.release').catch(() => {}), 1000)));
  }

  private accept(socket: Socket): void {
    const client = new AgentClient(socket);
    this.clients.add(client);
    this.gone.set(client, new Promise((resolve) => client.once('close', resolve)));
    client.once('close', () => {
      this.clients.delete(client);
      this.stepping.get(client)?.(undefined);
    });
    let entry = '';
    let crashed = false;
    client.on('event', (event) => {
      if (event.event === 'hello') {
        entry = event.entry;
        if (this.quitTests) client.call('pmdb.disarm').catch(() => {});
        client.call('pmdb.ready').catch(() => {});
      } else if (event.event === 'stopped') {
        const stepped = this.stepping.get(client);
        if (stepped) {
          this.stepping.delete(client);
          stepped(event);
          return;
        }
        // A `debugger;` statement, or Node's last word on the error already shown: go on.
        if ((event.kind === 'pause' && !event.testStarted) || crashed || (isTestStop(event) && this.quitTests)) {
          client.call('Debugger.resume', undefined, event.session).catch(() => {});
          return;
        }
        crashed = !isTestStop(event);
        this.waiting.push({ client, entry, stop: event });
        this.presenting ??= this.presentAll();
      }
    });
  }

  private async presentAll(): Promise<void> {
    this.output?.hold();
    for (let crash = this.waiting.shift(); crash; crash = this.waiting.shift()) {
      await this.present(crash).catch((err: unknown) => (this.failure ??= err));
    }
    this.presenting = undefined;
    this.output?.release();
  }

  private async present({ client, entry, stop }: Crash): Promise<void> {
    if (isTestStop(stop) && this.stops.stopOn === 'test') return this.presentTest(client, entry, stop);
    const channel = client.thread(stop.session);
    const prompt = this.promptFor();
    try {
      const decision = await prompt.present({ channel, scripts: new ScriptTable(channel), stop, script: entry, afterCrash: END_AFTER_CRASH });
      const exit = client.programExit;
      if (decision === 'gone' && exit?.viaExit) prompt.write(`${endMessage({ ...exit, signal: null })}\n`);
    } finally {
      // Whatever the prompt decided, the process goes on to die of its error (or, after an
      // escaped stop, to let the library handle it). Node puts the terminal back in the mode it
      // found it in as it exits: the next prompt opens after that, or its raw mode would be
      // undone under it (typed lines then echoed twice).
      await channel.call('Debugger.resume').catch(() => {});
      if (stop.kind !== 'escaped') await within(this.gone.get(client) ?? Promise.resolve(), 2000);
    }
  }

  /**
   * A failing test, or a test's start (--trace): the prompt in its frames; the process goes on
   * after it (the runner takes a failure). `s` and `n` step in the test, each stop of the step
   * presented here, until the test's code is left or a command lets the process go on.
   */
  private async presentTest(client: AgentClient, entry: string, first: Stop): Promise<void> {
    const channel = client.thread(first.session);
    if (this.quitTests) {
      await channel.call('Debugger.resume').catch(() => {});
      return;
    }
    const prompt = this.promptFor();
    const scripts = new ScriptTable(channel, true, true);
    let stepping: { kind: 'step' | 'next'; count: number; origin?: StepOrigin } | undefined;
    try {
      for (let stop: Stop | undefined = first; stop; ) {
        if (stepping && !isTestStop(stop) && stop.kind === 'pause') {
          const further = await nextStepOutsideUserCode(scripts, stop.paused, stepping.kind, stepping.count++, stepping.origin);
          // Back in the runner with no code of the user's on the stack: the test's turn is over.
          if (further === 'Debugger.resume') return;
          if (further) {
            stop = await this.nextStop(client, channel, further);
            continue;
          }
        }
        if (isTestStop(stop)) process.stdout.write(testHeader(stop));
        const decision = await prompt.present({ channel, scripts, stop, script: entry, afterCrash: AFTER_TEST });
        if (decision === 'gone') return;
        const { kind } = decision.resume;
        if (kind === 'quit') await this.quitTesting();
        if (kind !== 'step' && kind !== 'next') return;
        stepping = { kind, count: 0, origin: await stepOrigin(scripts, stop.paused) };
        stop = await this.nextStop(client, channel, kind === 'step' ? 'Debugger.stepInto' : 'Debugger.stepOver');
      }
    } finally {
      await channel.call('Debugger.resume').catch(() => {});
    }
  }

  /** Sends a step to the process; its next stop, or undefined when it ended first. */
  private nextStop(client: AgentClient, channel: ReturnType<AgentClient['thread']>, method: string): Promise<Stop | undefined> {
    const next = new Promise<Stop | undefined>((resolve) => this.stepping.set(client, resolve));
    channel.call(method).catch(() => {
      this.stepping.get(client)?.(undefined);
      this.stepping.delete(client);
    });
    return next;
  }

  /** `q`: every agent stops stopping at tests; the test stops already waiting go on unseen (crashes still prompt). */
  private async quitTesting(): Promise<void> {
    this.quitTests = true;
    await Promise.all([...this.clients].map((c) => c.call('pmdb.disarm').catch(() => {})));
    const tests = this.waiting.filter((w) => isTestStop(w.stop));
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((w) => !isTestStop(w.stop)));
    for (const waiting of tests) await waiting.client.thread(waiting.stop.session).call('Debugger.resume').catch(() => {});
  }

  private promptFor(): StopPrompt {
    if (!this.prompt) {
      this.prompt = new StopPrompt({
        input: process.stdin,
        output: process.stdout,
        adapt: (c) => (c === restart ? noRestart : c),
      });
      this.prompt.loop.pending.push(...rcLines());
    }
    return this.prompt;
  }
}
