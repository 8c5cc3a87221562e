// pdb's command loop over a Target: one line at a time, `;;` separates commands, a blank line
// repeats the last one, a word that is not a command is JavaScript evaluated in the frame.
import { EvaluationError } from '../target/target.js';
import { TargetGoneError } from '../target/agent-client.js';
import type { LineReader, Completer } from '../cli/terminal.js';
import { CommandError, type Command, type Context, type Resume } from './types.js';
import { Aliases } from './aliases.js';

export const PROMPT = '(Pmdb) ';

export class CommandLoop {
  private readonly byName = new Map<string, Command>();
  private lastLine = '';
  /** Commands typed after `;;`, or left over from `-c` when an earlier one resumed. */
  readonly pending: string[] = [];
  readonly aliases = new Aliases();

  constructor(
    readonly commands: Command[],
    private readonly evaluate: (ctx: Context, source: string) => Promise<void>,
  ) {
    for (const command of commands) for (const name of command.names) this.byName.set(name, command);
  }

  lookup(name: string): Command | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** Runs queued lines (`-c`, after `;;`) until one resumes the program or none are left. */
  async runQueued(ctx: Context): Promise<Resume | void> {
    for (let line = this.pending.shift(); line !== undefined; line = this.pending.shift()) {
      const resume = await this.runLine(ctx, line, false);
      if (resume) return resume;
    }
  }

  /** Reads the prompt until a command resumes the program. */
  async interact(ctx: Context, reader: LineReader, completer?: Completer): Promise<Resume> {
    for (;;) {
      const resume = await this.runQueued(ctx);
      if (resume) return resume;
      const line = await reader.read(PROMPT, completer);
      if (line === null) {
        ctx.write('\n');
        return { kind: 'quit' };
      }
      const typed = await this.runLine(ctx, line);
      if (typed) return typed;
    }
  }

  /** One line as typed. Returns how to resume, if the command resumes the program. */
  async runLine(ctx: Context, typed: string, repeatable = true): Promise<Resume | void> {
    let line = typed.trim();
    if (line === '') {
      if (!repeatable || !this.lastLine) return;
      line = this.lastLine;
    } else if (repeatable) {
      this.lastLine = line;
    }
    try {
      line = this.aliases.expand(line);
      // As pdb: an alias definition keeps its `;;`, for the alias to run.
      const split = /^alias\b/.test(line) ? -1 : line.indexOf(';;');
      if (split >= 0) {
        this.pending.unshift(line.slice(split + 2).trim());
        line = line.slice(0, split).trim();
      }
      return await this.dispatch(ctx, line);
    } catch (err) {
      if (err instanceof TargetGoneError) throw err;
      const message =
        err instanceof CommandError || err instanceof EvaluationError
          ? err.message
          : `${err instanceof Error ? err.message : String(err)}`;
      ctx.write(`*** ${message}\n`);
    }
  }

  private async dispatch(ctx: Context, line: string): Promise<Resume | void> {
    if (line.startsWith('!')) return this.evaluate(ctx, line.slice(1));
    const match = /^([A-Za-z_]\w*|\?)\s*(.*)$/s.exec(line);
    const command = match ? this.byName.get(match[1]!) : undefined;
    if (!command || !match) return this.evaluate(ctx, line);
    return command.run(ctx, match[2]!.trim());
  }
}
