// `pmdb SCRIPT`: pdb's main loop for a Node program. Start it stopped at its first line, run the
// -c commands, prompt at every stop, and restart it when it ends or after a post-mortem, until
// the user quits.
import { realpathSync } from 'node:fs';
import { launch, type Launched } from '../target/launch.js';
import { ScriptTable } from '../engine/scripts.js';
import { LiveTarget } from '../target/live-target.js';
import { TargetGoneError } from '../target/agent-client.js';
import { CommandLoop } from '../repl/command-loop.js';
import type { Context, Display, Resume } from '../repl/types.js';
import type { StopKind } from '../protocol/messages.js';
import { completePrompt } from '../repl/completion.js';
import { createLineReader, type LineReader } from './terminal.js';
import { EventQueue, type Happening } from './event-queue.js';
import { FirstLine } from './first-line.js';
import { isCompiled } from '../target/loaders.js';
import { nextStepOutsideUserCode, stepOrigin, type StepOrigin } from './step-settle.js';
import { RunTo } from './run-to.js';
import { rcLines } from './rc-files.js';
import { atDebuggerStatement, debuggerStatementsOff } from './debugger-statement.js';
import { endMessage, formatCompileError, printLocation, printPostMortem } from './stop-report.js';
import { createCommands } from '../commands/index.js';
import { evaluateLine } from '../commands/evaluation.js';
import { showDisplays } from '../commands/inspection.js';
import { BreakpointStore, describe, type Breakpoint } from '../engine/breakpoints.js';
import { BreakpointBinder, type BreakpointPause } from '../engine/breakpoint-binder.js';
import { REPL_HINT, lendTerminal, replInterrupted } from './armed-repl.js';

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
  /** The first run, already started while pmdb was loading. */
  firstLaunch?: Promise<Launched>;
  /**
   * `pmdb` alone: the script is the armed REPL (armed-repl.ts). No first-line stop, no restart
   * when it ends, and `c`/`q` at any stop go back to it.
   */
  repl?: boolean;
}

type Outcome = { kind: 'quit'; code: number } | { kind: 'restart'; args?: string[] };

/** What the prompt decided, with the V8 frame a `return`/`until` is about. */
interface Decision {
  resume: Resume;
  callFrameId?: string;
}

export class ScriptSession {
  private readonly loop: CommandLoop;
  private readonly reader: LineReader;
  private readonly displays: Display[] = [];
  /** pdb keeps breakpoints across restarts: each run binds them afresh. */
  private readonly breakpoints = new BreakpointStore();
  private readonly colors: boolean;
  private readonly write = (text: string) => void this.options.output.write(text);
  private running?: { launched: Launched; interrupted: boolean };
  /** The script's arguments, which `run ARGS` replaces. */
  private args: string[];
  /** pdb names the program by its absolute path in its messages. */
  private readonly scriptPath: string;

  constructor(private readonly options: ScriptSessionOptions) {
    this.args = options.args;
    this.scriptPath = realpathSync(options.script);
    this.loop = new CommandLoop(createCommands(() => this.loop), evaluateLine);
    this.loop.pending.push(...rcLines(), ...options.commands);
    this.reader = createLineReader(options.input, options.output);
    this.colors = Boolean(options.output.isTTY) && !process.env.NO_COLOR;
    // Ctrl-C while the program runs pauses it (at the prompt the tty is raw: no signal).
    process.on('SIGINT', () => {
      const running = this.running;
      if (!running) return;
      running.interrupted = true;
      running.launched.client.call('pmdb.interrupt').catch(() => {});
    });
  }

  async run(): Promise<number> {
    let launching = this.options.firstLaunch;
    for (;;) {
      const outcome = await this.runOnce(launching ?? this.launch());
      launching = undefined;
      if (outcome.kind === 'quit') return outcome.code;
      if (outcome.args) this.args = outcome.args;
    }
  }

  private launch(): Promise<Launched> {
    return launch({ script: this.options.script, args: this.args, interactive: this.reader.isTTY });
  }

  private async runOnce(launching: Promise<Launched>): Promise<Outcome> {
    const launched = await launching;
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
    const binder = new BreakpointBinder(launched.client, scripts, this.breakpoints);
    await binder.sync();
    await launched.client.call('pmdb.ready');

    let started = this.options.repl ?? false;
    /** The step in progress, which may take several V8 steps to reach user code. */
    let stepping: { kind: 'step' | 'next'; count: number; origin?: StepOrigin } | undefined;
    /** A `return` or `until` in progress. */
    let runTo: RunTo | undefined;
    this.running = { launched, interrupted: false };
    let happening = await events.next();
    for (;;) {
      if (happening.type === 'ended') {
        this.running = undefined;
        if (!started || this.options.repl) return { kind: 'quit', code: happening.code ?? 1 };
        this.write(endMessage(happening) + '\n');
        // Scripted input that has run out would only read its end at the restarted prompt.
        if (await this.reader.atEnd()) return { kind: 'quit', code: happening.code ?? 0 };
        return { kind: 'restart' };
      }
      // Breakpoints are bound in the main thread only.
      const atBreakpoint: BreakpointPause =
        happening.kind === 'pause' && happening.session === undefined
          ? await binder.onPause(happening.paused, started)
          : { kind: 'other' };
      if (atBreakpoint.kind === 'loaded' || (atBreakpoint.kind === 'passed' && !stepping)) {
        await launched.client.call('Debugger.resume').catch(() => {});
        happening = await events.next();
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
          this.options.errorOutput.write(formatCompileError(compileError));
          await kill(launched);
          return { kind: 'quit', code: 1 };
        }
        await launched.client.call('Debugger.resume').catch(() => {});
        happening = await events.next();
        continue;
      }
      if (!started) started = true;
      else await firstLine.disarm();
      const interrupted = this.running?.interrupted ?? false;
      if (runTo && happening.kind === 'pause' && !interrupted && !hit && runTo.onPause(happening.paused) === 'passing') {
        await launched.client.thread(happening.session).call('Debugger.resume').catch(() => {});
        happening = await events.next();
        continue;
      }
      await runTo?.disarm();
      runTo = undefined;
      const statement = debuggerStatementsOff && !stepping && happening.kind === 'pause' && !interrupted && !hit;
      if (statement && (await atDebuggerStatement(scriptsOf(happening.session), happening.paused))) {
        await launched.client.thread(happening.session).call('Debugger.resume').catch(() => {});
        happening = await events.next();
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
          await launched.client.thread(happening.session).call(further).catch(() => {});
          happening = await events.next();
          continue;
        }
      }
      this.running = undefined;
      const giveBack = this.options.repl ? await lendTerminal(launched.client, this.options.input) : undefined;
      const decision = await this.stop(launched, scriptsOf(happening.session), happening, interrupted, hit);
      giveBack?.();
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
        await binder.sync().catch((err: unknown) => {
          if (!(err instanceof TargetGoneError)) throw err;
        });
      }
      if (happening.kind === 'pause' && callFrameId && (resume.kind === 'return' || resume.kind === 'until')) {
        const line = resume.kind === 'until' ? resume.line : undefined;
        const thread = launched.client.thread(happening.session);
        runTo = await RunTo.arm(thread, scriptsOf(happening.session), happening.paused, callFrameId, line);
      }
      // Running from the moment the resume is sent: the program may print and wait for a Ctrl-C
      // before the agent's reply arrives.
      this.running = { launched, interrupted: false };
      const outcome = await this.apply(launched, happening.session, resume, restarts);
      if (outcome) return outcome;
      stepping =
        resume.kind === 'step' || resume.kind === 'next'
          ? { kind: resume.kind, count: 0, origin: await stepOrigin(scriptsOf(happening.session), happening.paused) }
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
  ): Promise<Decision> {
    try {
      const target = await LiveTarget.create(launched.client.thread(happening.session), scripts, happening);
      const ctx: Context = {
        target,
        frame: 0,
        write: this.write,
        colors: this.colors,
        displays: this.displays,
        breakpoints: this.breakpoints,
        postMortem: happening.kind !== 'pause',
        script: this.options.script,
        io: { input: this.options.input, output: this.options.output, reader: this.reader },
      };
      if (ctx.postMortem) await printPostMortem(target, this.write, this.colors, this.postMortemBanner(happening.kind));
      else if (interrupted) this.write("\nProgram interrupted. (Use 'cont' to resume).\n");
      if (hit?.temporary) {
        this.breakpoints.delete(hit);
        this.write(`Deleted ${describe(hit)}\n`);
      }
      // As pdb's rc lines: queued `-c` commands run first; if one resumes, the stop is silent.
      const resume =
        (await this.loop.runQueued(ctx)) ??
        (await this.runBreakpointCommands(ctx, hit)) ??
        (await (async () => {
          await showDisplays(ctx);
          return this.loop.interact(ctx, this.reader, (line) => completePrompt(ctx, this.loop.names, line));
        })());
      this.reader.release();
      await target.release();
      const frame = resume.kind === 'return' || resume.kind === 'until' ? target.frames[resume.frame] : undefined;
      return { resume, callFrameId: frame?.callFrameId };
    } catch (err) {
      this.reader.release();
      if (!(err instanceof TargetGoneError)) throw err;
      this.write('*** The program is no longer running.\n');
      return { resume: { kind: 'restart' } };
    }
  }

  /** How the banner of a post-mortem stop reads: what `cont` does next. */
  private postMortemBanner(kind: StopKind): { hint?: string; requested: boolean } {
    const requested = kind === 'postMortem';
    if (this.options.repl) return { hint: REPL_HINT, requested };
    return { hint: requested ? "Running 'cont' will return to the program" : undefined, requested };
  }

  /**
   * As pdb's bp_commands: the breakpoint's command list runs, then the location line (unless
   * `silent`); a list that resumed the program returns how.
   */
  private async runBreakpointCommands(ctx: Context, hit: Breakpoint | undefined): Promise<Resume | undefined> {
    let resume: Resume | undefined;
    for (const line of hit?.commands?.lines ?? []) resume = (await this.loop.runLine(ctx, line, false)) ?? resume;
    if (hit?.commands?.silent) return resume;
    // As pdb's user_return: a step or `return` that ends at a frame's return is announced (a
    // breakpoint on a `return` line is V8's return position too, but pdb calls that a line).
    if (!hit && !ctx.postMortem && ctx.target.returnValue?.(0)) this.write('--Return--\n');
    await printLocation(ctx.target, 0, this.write, this.colors);
    return resume;
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

async function kill(launched: Launched): Promise<void> {
  if (launched.child.exitCode === null && launched.child.signalCode === null) launched.child.kill('SIGKILL');
  await launched.exited;
}
