// `pmdb SCRIPT`: pdb's main loop for a Node program. Start it stopped at its first line, run the
// -c commands, prompt at every stop, and restart it when it ends or after a post-mortem, until
// the user quits.
import { realpathSync } from 'node:fs';
import type { Protocol } from 'devtools-protocol';
import { launch, type Launched } from '../target/launch.js';
import { ScriptTable } from '../engine/scripts.js';
import { LiveTarget } from '../target/live-target.js';
import { TargetGoneError } from '../target/agent-client.js';
import type { Resume } from '../repl/types.js';
import { EventQueue, type Happening } from './event-queue.js';
import { FirstLine } from './first-line.js';
import { isCompiled } from '../target/loaders.js';
import { nextStepOutsideUserCode, stepOrigin, type StepOrigin } from './step-settle.js';
import { RunTo } from './run-to.js';
import { rcLines } from './rc-files.js';
import { atDebuggerStatement, debuggerStatementsOff } from './debugger-statement.js';
import { endMessage, formatCompileError, RESTART_AFTER_CRASH } from './stop-report.js';
import { StopPrompt, type Decision } from './stop-prompt.js';
import { within } from '../util/within.js';
import type { Breakpoint } from '../engine/breakpoints.js';
import type { StopKind } from '../protocol/messages.js';
import { REPL_HINT, lendTerminal, replInterrupted } from './armed-repl.js';
import { BreakpointBinder, type BreakpointPause } from '../engine/breakpoint-binder.js';
import type { StopOn } from './args.js';
import { terminalText } from './terminal-text.js';
import { endedLike, inTerminalForeground, sentByTerminal, takeSignals, type PassedSignal } from './signals.js';

export interface ScriptSessionOptions {
  script: string;
  args: string[];
  commands: string[];
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  /** Where the program's own load errors would have gone. */
  errorOutput: NodeJS.WriteStream;
  /** Steps go through node_modules (default) or stop in it (`--no-skip`). */
  skipPackages?: boolean;
  /** `--stop-on escaped`, for every run. */
  stopOn?: StopOn;
  /** The first run, already started while pmdb was loading. */
  firstLaunch?: Promise<Launched>;
  /**
   * `pmdb` alone: the script is the armed REPL (armed-repl.ts). No first-line stop, no restart
   * when it ends, and `c`/`q` at any stop go back to it.
   */
  repl?: boolean;
}

type Outcome =
  | { kind: 'quit'; code: number }
  | { kind: 'restart'; args?: string[] }
  /** A signal passed on to the program ended it: pmdb ends as it did (signals.ts). */
  | { kind: 'signalled'; ended: Awaited<Launched['exited']> };

export class ScriptSession {
  /** The prompt, its commands and the breakpoints, kept across stops and restarts. */
  private readonly prompt: StopPrompt;
  private readonly write: (text: string) => void;
  private running?: { launched: Launched; interrupted: boolean };
  /** The program of this run, running or stopped. */
  private current?: Launched;
  /** A signal was passed on to the program: when it ends, pmdb ends, as it did. */
  private signalled = false;
  /** One that came while the program was being started: passed on once it is. */
  private pendingSignal?: PassedSignal;
  /** The script's arguments, which `run ARGS` replaces. */
  private args: string[];
  /** pdb names the program by its absolute path in its messages. */
  private readonly scriptPath: string;

  constructor(private readonly options: ScriptSessionOptions) {
    this.args = options.args;
    this.scriptPath = realpathSync(options.script);
    this.prompt = new StopPrompt({ input: options.input, output: options.output });
    this.prompt.loop.pending.push(...rcLines(), ...options.commands);
    this.write = this.prompt.write;
  }

  async run(): Promise<number> {
    const releaseSignals = takeSignals((signal) => this.onSignal(signal));
    let launching = this.options.firstLaunch;
    try {
      for (;;) {
        const outcome = await this.runOnce(launching ?? this.launch());
        launching = undefined;
        if (outcome.kind === 'quit') return outcome.code;
        if (outcome.kind === 'signalled') {
          releaseSignals();
          return endedLike(outcome.ended);
        }
        if (outcome.args) this.args = outcome.args;
      }
    } finally {
      releaseSignals();
    }
  }

  /**
   * Ctrl-C from the terminal while the program runs pauses it (at the prompt a terminal on stdin
   * is raw: no signal); any other SIGINT, SIGTERM or SIGHUP is the program's (signals.ts).
   */
  private onSignal(signal: PassedSignal): void {
    if (signal === 'SIGINT' && sentByTerminal(signal)) {
      const running = this.running;
      if (!running) return;
      running.interrupted = true;
      running.launched.client.call('pmdb.interrupt').catch(() => {});
      return;
    }
    this.signalled = true;
    if (this.current) this.current.child.kill(signal);
    else this.pendingSignal = signal;
    // Stopped at the prompt, a program the signal kills ends the prompt with it.
    if (!this.running) void this.current?.exited.then(() => this.prompt.reader.cancel());
  }

  private launch(): Promise<Launched> {
    // Where the terminal's Ctrl-C reaches the program (stdin may be a pipe), it must not kill it: pmdb pauses it.
    return launch({ script: this.options.script, args: this.args, interactive: inTerminalForeground(), stopOn: this.options.stopOn });
  }

  private async runOnce(launching: Promise<Launched>): Promise<Outcome> {
    const launched = await launching;
    this.current = launched;
    if (this.pendingSignal) launched.child.kill(this.pendingSignal);
    const events = new EventQueue(launched);
    // Script ids are per thread: one table for the main thread and one per worker thread.
    const tables = new Map<string | undefined, ScriptTable>();
    const scriptsOf = (session?: string) => {
      let table = tables.get(session);
      if (!table) tables.set(session, (table = new ScriptTable(launched.client.thread(session), this.options.skipPackages ?? true)));
      return table;
    };
    const scripts = scriptsOf(undefined);
    const firstLine = new FirstLine(launched.client, scripts, this.scriptPath);
    if (!this.options.repl) await firstLine.arm(isCompiled(this.scriptPath));
    const binder = new BreakpointBinder(launched.client, scripts, this.prompt.breakpoints);
    await binder.sync();
    await launched.client.call('pmdb.ready');

    let started = this.options.repl ?? false;
    /** The step in progress, which may take several V8 steps to reach user code. */
    let stepping: { kind: 'step' | 'next'; count: number; origin?: StepOrigin } | undefined;
    /** A `return` or `until` in progress. */
    let runTo: RunTo | undefined;
    this.running = { launched, interrupted: false };
    let happening = await events.next();
    /** Lets the stopped thread go on (resume, or one V8 step) and waits for what happens next. */
    const goOn = async (stopped: Stopped, method = 'Debugger.resume'): Promise<Happening> => {
      await launched.client.thread(stopped.session).call(method).catch(() => {});
      return events.next();
    };
    for (;;) {
      if (happening.type === 'ended') {
        this.running = undefined;
        if (this.signalled) return { kind: 'signalled', ended: await launched.exited };
        if (!started || this.options.repl) return { kind: 'quit', code: happening.code ?? 1 };
        this.write(endMessage(happening) + '\n');
        // Scripted input that has run out would only read its end at the restarted prompt.
        if (await this.prompt.reader.atEnd()) return { kind: 'quit', code: happening.code ?? 0 };
        return { kind: 'restart' };
      }
      // Breakpoints are bound in the main thread only.
      const atBreakpoint: BreakpointPause =
        happening.kind === 'pause' && happening.session === undefined
          ? await binder.onPause(happening.paused, started)
          : { kind: 'other' };
      happening = repausedAt(happening, binder.takeRepaused());
      if (atBreakpoint.kind === 'loaded' || (atBreakpoint.kind === 'passed' && !stepping)) {
        happening = await goOn(happening);
        continue;
      }
      const hit = atBreakpoint.kind === 'hit' ? atBreakpoint.bp : undefined;
      if (!started && (await firstLine.onStop(happening)) === 'moving') {
        happening = await events.next();
        continue;
      }
      if (!started && happening.kind !== 'pause') {
        // The entry failed to load. Node prints a JavaScript syntax error best (file, line,
        // caret): let it, and exit as it does. A TypeScript compile error arrives wrapped in
        // loader code: print it in Node's shape and end the program with Node's status, 1.
        const compileError = await LiveTarget.create(launched.client.thread(happening.session), scripts, happening)
          .then((t) => t.compileError())
          .catch(() => undefined);
        if (compileError) {
          this.options.errorOutput.write(terminalText(formatCompileError(compileError), this.prompt.colors));
          await kill(launched);
          return { kind: 'quit', code: 1 };
        }
        happening = await goOn(happening);
        continue;
      }
      // The first-line stop: no code of the top frame has run yet.
      const firstStop = !started;
      if (!started) started = true;
      else await firstLine.disarm();
      const interrupted = this.running?.interrupted ?? false;
      if (runTo && happening.kind === 'pause' && !interrupted && !hit && runTo.onPause(happening.paused) === 'passing') {
        happening = await goOn(happening);
        continue;
      }
      await runTo?.disarm();
      runTo = undefined;
      const statement = debuggerStatementsOff && !stepping && happening.kind === 'pause' && !interrupted && !hit;
      if (statement && (await atDebuggerStatement(scriptsOf(happening.session), happening.paused))) {
        happening = await goOn(happening);
        continue;
      }
      if (stepping && happening.kind === 'pause' && !interrupted && !hit) {
        const further = await nextStepOutsideUserCode(
          scriptsOf(happening.session),
          happening.paused,
          stepping.kind,
          stepping.count++,
          stepping.origin,
        );
        if (further) {
          happening = await goOn(happening, further);
          continue;
        }
      }
      this.running = undefined;
      const giveBack = this.options.repl ? await lendTerminal(launched.client, this.options.input) : undefined;
      const decision = await this.stop(launched, scriptsOf(happening.session), happening, interrupted, hit);
      giveBack?.();
      // Killed at the prompt by the signal passed on to it.
      if (this.signalled && !launched.client.connected) return { kind: 'signalled', ended: await launched.exited };
      if (decision === 'gone') {
        // Ended at the prompt (`p process.exit(0)`): announced, then restarted or quit, as any
        // end. A process whose agent alone went away is ended here.
        if (!(await within(launched.exited, 2000))) await kill(launched);
        happening = await events.next();
        continue;
      }
      const { callFrameId } = decision;
      const escaped = happening.kind === 'exception' || happening.kind === 'fatal';
      // The REPL lives on after a post mortem: the error goes on to it, and `q` leaves it running.
      // At a pause `q` quits: V8 cannot abort the running line (an endless one, say) otherwise.
      const backToRepl = this.options.repl && happening.kind !== 'pause' && decision.resume.kind !== 'restart';
      const resume: Resume = backToRepl ? { kind: 'continue' } : decision.resume;
      const restarts = escaped && !this.options.repl;
      if (this.options.repl && interrupted && resume.kind === 'continue') await replInterrupted(launched.client);
      if (!restarts && resume.kind !== 'quit' && resume.kind !== 'restart') {
        // The program may have died at the prompt: the end arrives as the next happening.
        await binder.sync(firstStop ? happening.paused.callFrames[0] : undefined).catch((err: unknown) => {
          if (!(err instanceof TargetGoneError)) throw err;
        });
      }
      // A breakpoint left in the entry's top-level code keeps V8 from optimizing it (a loop there
      // ran 6x slower): only a step from the first line needs it kept until the next stop.
      if (firstStop && resume.kind !== 'step' && resume.kind !== 'next') await firstLine.disarm();
      const before = happening.paused;
      happening = repausedAt(happening, binder.takeRepaused());
      if (happening.kind === 'pause' && callFrameId && (resume.kind === 'return' || resume.kind === 'until')) {
        const line = resume.kind === 'until' ? resume.line : undefined;
        const thread = launched.client.thread(happening.session);
        // A restarted top frame has new frame ids: the same frame is at the same depth.
        const depth = before.callFrames.findIndex((f) => f.callFrameId === callFrameId);
        const frameId = happening.paused.callFrames[depth]?.callFrameId ?? callFrameId;
        runTo = await RunTo.arm(thread, scriptsOf(happening.session), happening.paused, frameId, line);
      }
      // Running from the moment the resume is sent: the program may print and wait for a Ctrl-C
      // before the agent's reply arrives.
      this.running = { launched, interrupted: false };
      const outcome = await this.apply(launched, happening.session, resume, restarts);
      if (outcome) return outcome;
      stepping =
        resume.kind === 'step' || resume.kind === 'next'
          ? { kind: resume.kind, count: 0, origin: await stepOrigin(scriptsOf(happening.session), before) }
          : undefined;
      happening = await events.next();
    }
  }

  private async stop(
    launched: Launched,
    scripts: ScriptTable,
    happening: Extract<Happening, { type: 'stopped' }>,
    interrupted: boolean,
    hit: Breakpoint | undefined,
  ): Promise<Decision | 'gone'> {
    const channel = launched.client.thread(happening.session);
    const afterCrash = this.afterCrash(happening.kind);
    return this.prompt.present({ channel, scripts, stop: happening, script: this.options.script, interrupted, hit, afterCrash });
  }

  /** The post-mortem banner's last line: what `cont` does next. */
  private afterCrash(kind: StopKind): string {
    if (this.options.repl) return REPL_HINT;
    return kind === 'postMortem' ? "Running 'cont' will return to the program" : RESTART_AFTER_CRASH;
  }

  /** Carries out a resume; returns an outcome when this run of the program is over. */
  private async apply(
    launched: Launched,
    session: string | undefined,
    resume: Resume,
    /** The stop was an error that escaped: as pdb, the program restarts after its post mortem. */
    escaped: boolean,
  ): Promise<Outcome | undefined> {
    const client = launched.client.thread(session);
    if (resume.kind === 'quit') {
      await kill(launched);
      return { kind: 'quit', code: escaped ? 1 : 0 };
    }
    if (resume.kind === 'restart') {
      await kill(launched);
      if (this.options.repl) this.write('Restarting the REPL\n');
      else this.write(`Restarting ${this.scriptPath} with arguments:\n\t${(resume.args ?? this.args).join(' ')}\n`);
      return { kind: 'restart', args: resume.args };
    }
    if (escaped) {
      this.write(`Post mortem debugger finished. The ${this.scriptPath} will be restarted\n`);
      await kill(launched);
      return { kind: 'restart' };
    }
    if (resume.kind === 'running') return undefined;
    const method = resume.kind === 'step' ? 'Debugger.stepInto' : resume.kind === 'next' ? 'Debugger.stepOver' : 'Debugger.resume';
    await client.call(method).catch(() => {});
    return undefined;
  }
}

type Stopped = Extract<Happening, { type: 'stopped' }>;

/** The stop, moved to where binding breakpoints left the program (compiled-conditions.ts). */
function repausedAt(happening: Stopped, repaused: Protocol.Debugger.PausedEvent | undefined): Stopped {
  return repaused ? { ...happening, paused: repaused } : happening;
}

async function kill(launched: Launched): Promise<void> {
  if (launched.child.exitCode === null && launched.child.signalCode === null) launched.child.kill('SIGKILL');
  await launched.exited;
}
