// `pmdb attach PID | HOST:PORT`: pauses a running process where it is (a busy loop, or waiting
// in the event loop) and opens the prompt there, as PEP 768 gives pdb. The prompt, its commands
// and breakpoints are those of `pmdb SCRIPT`, over the process's own inspector: `c` lets it run
// (Ctrl-C pauses it again), `q` detaches and leaves it running as before, with the inspector pmdb
// opened closed again.
import { ScriptTable } from '../engine/scripts.js';
import { BreakpointBinder, type BreakpointPause } from '../engine/breakpoint-binder.js';
import { InspectorSocket } from '../target/inspector-socket.js';
import { InspectedProcess, type InspectedThread } from '../target/inspected-process.js';
import type { Stop } from '../target/live-target.js';
import { CommandError, type Command, type Resume } from '../repl/types.js';
import { restart } from '../commands/control.js';
import { StopPrompt } from './stop-prompt.js';
import { rcLines } from './rc-files.js';
import { findInspector, type FoundInspector } from './open-inspector.js';
import { nextStepOutsideUserCode, stepOrigin, type StepOrigin } from './step-settle.js';
import { RunTo } from './run-to.js';
import { terminalText } from './terminal-text.js';

const noRestart: Command = {
  ...restart,
  help: 'Restart the debugged program: not a process pmdb attached to, which it does not own. q detaches and leaves it running.',
  async run() {
    throw new CommandError("pmdb attach cannot restart a process it did not start: 'q' detaches and leaves it running");
  },
};

export async function attachTo(spec: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<number> {
  const found = await findInspector(spec);
  const inspected = await InspectedProcess.open(await InspectorSocket.connect(found.url));
  return new AttachSession(inspected, found, input, output).run();
}

class AttachSession {
  private readonly prompt: StopPrompt;
  private readonly stops: (Stop | 'gone')[] = [];
  private waiter?: () => void;
  /** The process runs: Ctrl-C pauses it. */
  private running = false;
  private interrupted = true;
  private readonly tables = new Map<string | undefined, ScriptTable>();

  constructor(
    private readonly inspected: InspectedProcess,
    private readonly found: FoundInspector,
    input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
  ) {
    this.prompt = new StopPrompt({ input, output, adapt: (c) => (c === restart ? noRestart : c) });
    this.prompt.loop.pending.push(...rcLines());
    for (const thread of inspected.threads) this.watch(thread);
    inspected.on('thread', (thread) => this.watch(thread));
    void inspected.socket.closed.then(() => this.push('gone'));
    // Ctrl-C while the process runs pauses it (at the prompt the terminal is raw: no signal).
    process.on('SIGINT', () => {
      if (!this.running) return;
      this.interrupted = true;
      this.inspected.main.pause().catch(() => {});
    });
  }

  async run(): Promise<number> {
    const main = this.inspected.main;
    const script = await main.channel
      .call('Runtime.evaluate', { expression: 'process.argv[1]', returnByValue: true, silent: true })
      .then((r) => (typeof r.result?.value === 'string' ? (r.result.value as string) : ''), () => '');
    const binder = new BreakpointBinder(main.channel, this.scripts(undefined), this.prompt.breakpoints);
    const pid = this.found.pid === undefined ? '' : ` ${this.found.pid}`;
    this.output.write(terminalText(`pmdb: attached to process${pid} (${script || 'no script'}); q detaches and leaves it running\n`, false));
    main.pause().catch(() => {});
    let stepping: { kind: 'step' | 'next'; count: number; origin?: StepOrigin } | undefined;
    let runTo: RunTo | undefined;
    for (;;) {
      const stop = await this.next();
      if (stop === 'gone') {
        this.output.write(`pmdb: the process${pid} has ended\n`);
        return 0;
      }
      const thread = this.inspected.thread(stop.session);
      if (!thread) continue;
      const scripts = this.scripts(stop.session);
      const interrupted = this.interrupted;
      // Breakpoints are bound in the main thread only, as under pmdb SCRIPT.
      const atBreakpoint: BreakpointPause = stop.session === undefined && !interrupted ? await binder.onPause(stop.paused, true) : { kind: 'other' };
      if (atBreakpoint.kind === 'loaded' || (atBreakpoint.kind === 'passed' && !stepping)) {
        await thread.channel.call('Debugger.resume').catch(() => {});
        continue;
      }
      const hit = atBreakpoint.kind === 'hit' ? atBreakpoint.bp : undefined;
      if (runTo && !interrupted && !hit && runTo.onPause(stop.paused) === 'passing') {
        await thread.channel.call('Debugger.resume').catch(() => {});
        continue;
      }
      await runTo?.disarm();
      runTo = undefined;
      if (stepping && !interrupted && !hit) {
        const further = await nextStepOutsideUserCode(scripts, stop.paused, stepping.kind, stepping.count++, stepping.origin);
        if (further) {
          await thread.channel.call(further).catch(() => {});
          continue;
        }
      }
      this.running = false;
      const decision = await this.prompt.present({ channel: thread.channel, scripts, stop, script, afterCrash: '', interrupted, hit });
      if (decision === 'gone') return 0;
      const resume: Resume = decision.resume;
      if (resume.kind === 'quit' || resume.kind === 'restart') {
        await this.inspected.detach(this.found.openedByPmdb);
        return 0;
      }
      await binder.sync().catch(() => {});
      if (decision.callFrameId && (resume.kind === 'return' || resume.kind === 'until')) {
        runTo = await RunTo.arm(thread.channel, scripts, stop.paused, decision.callFrameId, resume.kind === 'until' ? resume.line : undefined);
      }
      stepping = resume.kind === 'step' || resume.kind === 'next' ? { kind: resume.kind, count: 0, origin: await stepOrigin(scripts, stop.paused) } : undefined;
      this.interrupted = false;
      this.running = true;
      if (resume.kind === 'running') continue;
      const method = resume.kind === 'step' ? 'Debugger.stepInto' : resume.kind === 'next' ? 'Debugger.stepOver' : 'Debugger.resume';
      await thread.channel.call(method).catch(() => {});
    }
  }

  private scripts(session: string | undefined): ScriptTable {
    let table = this.tables.get(session);
    if (!table) this.tables.set(session, (table = new ScriptTable(this.inspected.thread(session)!.channel)));
    return table;
  }

  private watch(thread: InspectedThread): void {
    thread.on('stopped', (stop) => this.push(stop));
  }

  private push(stop: Stop | 'gone'): void {
    this.stops.push(stop);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private async next(): Promise<Stop | 'gone'> {
    while (this.stops.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    return this.stops.shift()!;
  }
}
