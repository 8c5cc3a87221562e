// return / until / jump / retval: pdb's finer control over where the program stops next.
import { CommandError, type Command, type Context } from '../repl/types.js';

export const returnCommand: Command = {
  names: ['return', 'r'],
  usage: 'r(eturn)',
  help: 'Continue execution until the current function returns. The stop shows --Return-- and the value the function returns after the location (->value).',
  async run(ctx) {
    return atReturn(ctx) ? { kind: 'next' } : { kind: 'return', frame: ctx.frame };
  },
};

export const until: Command = {
  names: ['until', 'unt'],
  usage: 'unt(il) [lineno]',
  help: 'Without argument, continue execution until the line with a number greater than the current one is reached. With a line number, continue execution until a line with a number greater or equal to that is reached. In both cases, also stop when the current frame returns.',
  async run(ctx, arg) {
    const current = currentLine(ctx);
    if (!arg && atReturn(ctx)) return { kind: 'next' };
    if (!arg) return { kind: 'until', frame: ctx.frame, line: current + 1 };
    const line = Number(arg);
    if (!Number.isInteger(line)) throw new CommandError(`Error in argument: '${arg}'`);
    if (line <= current) throw new CommandError('"until" line number is smaller than current line number');
    return { kind: 'until', frame: ctx.frame, line };
  },
};

export const jump: Command = {
  names: ['jump', 'j'],
  usage: 'j(ump) lineno',
  help: "Set the next line that will be executed: not possible in JavaScript, V8 cannot move the program counter, and jump says so. The one line it can reach is the first line of the current function: there it restarts the frame (the function runs again from its start with the arguments it has now; what it already did outside itself stays done). Async functions and generators cannot be restarted. Only available in the bottom-most frame.",
  async run(ctx, arg) {
    if (ctx.frame !== 0) throw new CommandError('You can only jump within the bottom frame');
    const line = Number(arg);
    if (!arg || !Number.isInteger(line)) throw new CommandError("The 'jump' command requires a line number");
    const frame = ctx.target.frames[0]!;
    const start = frame.name === '<module>' ? undefined : await ctx.target.functionStart(0);
    const restart = ctx.target.restartFrame?.bind(ctx.target);
    if (start && restart && start.line === line && !ctx.postMortem) {
      await restart(0);
      ctx.write(`Restarting ${frame.name}() at its first line: V8 cannot jump, it runs the function again (what it already did stays done)\n`);
      return { kind: 'running' };
    }
    ctx.write('*** jump is not possible in JavaScript: V8 cannot move the program counter\n');
    if (start && restart) ctx.write(`(jump ${start.line}, the first line of ${frame.name}(), restarts the function)\n`);
  },
};

export const debug: Command = {
  names: ['debug'],
  usage: 'debug code',
  help: "Enter a recursive debugger that steps through code: not possible in JavaScript, V8 does not stop in code evaluated while the program is paused, and debug says so. To step through a call, set a breakpoint in the called function (break FUNCTION or FILE:LINE) and continue until the program calls it.",
  async run(_ctx, arg) {
    if (!arg) throw new CommandError('usage: debug code');
    throw new CommandError(
      'debug is not possible in JavaScript: V8 does not stop in code evaluated while the program is paused\n(to step through a call, break in the called function and continue)',
    );
  },
};

export const retval: Command = {
  names: ['retval', 'rv'],
  usage: 'retval',
  help: 'Print the return value for the last return of the current function: the value a frame stopped at its return position (--Return--) is returning.',
  async run(ctx, arg) {
    if (arg) throw new CommandError(`Invalid argument: ${arg}\n      Usage: retval`);
    const value = ctx.target.returnValue?.(ctx.frame);
    if (!value) throw new CommandError('Not yet returned!');
    ctx.write((await ctx.target.format(value, { pretty: false, colors: ctx.colors })) + '\n');
  },
};

/** At its return position the frame is done: as pdb, go on to the caller's next line. */
function atReturn(ctx: Context): boolean {
  return ctx.target.returnValue?.(ctx.frame) !== undefined;
}

function currentLine(ctx: Context): number {
  const frame = ctx.target.frames[ctx.frame];
  if (!frame) throw new CommandError('no frame: the program was waiting in the event loop');
  return frame.line;
}
