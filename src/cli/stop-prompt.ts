// One stop of a live program at the prompt, as every session that stops one presents it
// (`pmdb SCRIPT`, `pmdb run`): the post-mortem report or the interruption notice, the queued `-c`
// commands, a breakpoint's command list, the location line, then the command loop until a
// command lets the program go on. The prompt's state (commands, aliases, history, displays,
// breakpoints) lives here and lasts across stops. `pmdb open` uses the same prompt on a dump.
import { isPackageFile, type ScriptTable } from '../engine/scripts.js';
import { LiveTarget, type Stop } from '../target/live-target.js';
import { DumpTarget } from '../target/dump-target.js';
import { ExtractedValues } from '../target/extracted.js';
import { SessionVariables } from '../target/session-variables.js';
import { TargetGoneError, type Channel } from '../target/agent-client.js';
import { CommandLoop } from '../repl/command-loop.js';
import type { Command, Context, Display, Resume } from '../repl/types.js';
import type { Target } from '../target/target.js';
import { completePrompt } from '../repl/completion.js';
import { createLineReader, type LineReader } from './terminal.js';
import { printEscaped, printLocation, printPostMortem } from './stop-report.js';
import { createCommands } from '../commands/index.js';
import { evaluateLine } from '../commands/evaluation.js';
import { showDisplays } from '../commands/inspection.js';
import { BreakpointStore, describe, type Breakpoint } from '../engine/breakpoints.js';
import { canColorize } from '../traceback/colors.js';
import { terminalText } from './terminal-text.js';

export interface StopPromptOptions {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  /** Each command as this session offers it (one that cannot work here says why); by default as is. */
  adapt?: (command: Command) => Command;
}

export interface StopAtPrompt {
  /** Where the stopped thread's protocol calls go, and its scripts. */
  channel: Channel;
  scripts: ScriptTable;
  stop: Stop;
  /** The program's script, for messages and relative breakpoint locations. */
  script: string;
  /** The post-mortem banner's last line: what leaving the prompt after a crash does. */
  afterCrash: string;
  /** Ctrl-C paused the program. */
  interrupted?: boolean;
  /** The breakpoint the program stopped at. */
  hit?: Breakpoint;
}

/** What the prompt decided, with the V8 frame a `return`/`until` is about. */
export interface Decision {
  resume: Resume;
  callFrameId?: string;
}

export class StopPrompt {
  readonly loop: CommandLoop;
  readonly reader: LineReader;
  readonly displays: Display[] = [];
  /** pdb keeps breakpoints across restarts: each run binds them afresh. */
  readonly breakpoints = new BreakpointStore();
  /** What `extract` copied: kept for the whole session, across stops and restarts. */
  readonly extracted = new ExtractedValues();
  /** What `const`, `let`, `function`... declared at the prompt: kept while the program runs. */
  readonly variables = new SessionVariables();
  readonly colors: boolean;
  /** Where every command's output goes: nothing from the program or a dump drives the terminal. */
  readonly write = (text: string) => void this.options.output.write(terminalText(text, this.colors));

  constructor(private readonly options: StopPromptOptions) {
    const commands = createCommands(() => this.loop);
    this.loop = new CommandLoop(options.adapt ? commands.map(options.adapt) : commands, evaluateLine);
    this.reader = createLineReader(options.input, options.output);
    // As the traceback decides: NO_COLOR, FORCE_COLOR, TERM=dumb, else whether output is a terminal.
    this.colors = canColorize(options.output);
  }

  /**
   * Prompts at the stop until a command resumes; 'gone' when the program died meanwhile (its end
   * is the caller's to announce when the program said how it ended).
   */
  async present(at: StopAtPrompt): Promise<Decision | 'gone'> {
    try {
      // An error a worker thread died of before its parent ended the process: the worker is gone,
      // its frames are the dump captured at the throw.
      const fromWorker = at.stop.fromWorker;
      const target = fromWorker
        ? new DumpTarget(fromWorker.dump, this.extracted)
        : await LiveTarget.create(at.channel, at.scripts, at.stop, { extracted: this.extracted, variables: this.variables });
      // `--stop-on escaped`: live, and the program goes on after it: no post mortem. A failing
      // test (`pmdb test`) shows its traceback as a post mortem does.
      const escaped = at.stop.kind === 'escaped' && at.stop.caughtBy !== undefined;
      const ctx = this.context(target, at.stop.kind !== 'pause' && !escaped, at.script);
      if (escaped) {
        await printEscaped(target, this.write, at.stop.caughtBy!);
        // Thrown in an assertion library for the user's code: the prompt opens in that code.
        ctx.frame = Math.max(0, target.frames.findIndex((f) => !isPackageFile(f.file)));
      } else if (ctx.postMortem) await printPostMortem(target, this.write, this.colors, at.afterCrash, at.stop.kind === 'postMortem', at.stop.kind === 'escaped');
      else if (at.interrupted) this.write("\nProgram interrupted. (Use 'cont' to resume).\n");
      if (at.hit?.temporary) {
        this.breakpoints.delete(at.hit);
        this.write(`Deleted ${describe(at.hit)}\n`);
      }
      // As pdb's rc lines: queued `-c` commands run first; if one resumes, the stop is silent.
      const resume =
        (await this.loop.runQueued(ctx)) ??
        (await this.runBreakpointCommands(ctx, at.hit)) ??
        (await (async () => {
          await showDisplays(ctx);
          return this.interact(ctx);
        })());
      this.reader.release();
      // Not awaited: the channel keeps order, so the release goes out ahead of the resume or step.
      if (!(target instanceof LiveTarget)) return { resume };
      void target.release();
      const frame = resume.kind === 'return' || resume.kind === 'until' ? target.frames[resume.frame] : undefined;
      return { resume, callFrameId: frame?.callFrameId };
    } catch (err) {
      this.reader.release();
      if (!(err instanceof TargetGoneError)) throw err;
      // A program that said how it ended (`p process.exit(0)`) is announced by the session, as
      // any end is; the next line typed goes to what comes next, not to this prompt.
      if (!err.exit) this.write('*** The program is no longer running.\n');
      return 'gone';
    }
  }

  /** The prompt's state at a stop in `target`'s frames. */
  context(target: Target, postMortem: boolean, script: string): Context {
    return {
      target,
      frame: 0,
      write: this.write,
      colors: this.colors,
      displays: this.displays,
      breakpoints: this.breakpoints,
      postMortem,
      script,
      io: { input: this.options.input, output: this.options.output, reader: this.reader },
    };
  }

  /** Reads and runs commands until one leaves the prompt. */
  interact(ctx: Context): Promise<Resume> {
    return this.loop.interact(ctx, this.reader, (line) => completePrompt(ctx, this.loop.names, line));
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
    await printLocation(ctx.target, ctx.frame, this.write, this.colors);
    return resume;
  }
}
