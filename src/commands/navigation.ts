// where / up / down / frame: moving through the stack.
import { CommandError, type Command, type Context } from '../repl/types.js';
import { printEntry } from './stack-format.js';

export const where: Command = {
  names: ['where', 'w', 'bt'],
  usage: 'w(here)',
  help: 'Print a stack trace, with the most recent frame at the bottom. An arrow (>) indicates the current frame, which determines the context of most commands. Awaiting callers that V8 knows only by location are marked [async].',
  async run(ctx) {
    const frames = ctx.target.frames;
    const cut = olderFramesNote(ctx);
    if (cut) ctx.write(`  ... ${cut}\n`);
    for (let i = frames.length - 1; i >= 0; i--) {
      await printEntry(ctx.target, frames[i]!, i === ctx.frame, ctx.write, ctx.colors);
    }
  },
};

/**
 * What `where` and `up` say above the oldest frame when V8 kept no older ones. "Any": a stack
 * text of exactly that many frames may also be whole, and V8 does not say which.
 */
function olderFramesNote(ctx: Context): string | undefined {
  const limit = ctx.target.olderFramesNotKept;
  return limit === undefined ? undefined : `any older frames were not kept by V8 (stack trace limit ${limit})`;
}

async function select(ctx: Context, index: number): Promise<void> {
  ctx.frame = index;
  ctx.listNext = undefined;
  await printEntry(ctx.target, ctx.target.frames[index]!, true, ctx.write, ctx.colors);
}

function count(arg: string): number {
  if (!arg) return 1;
  const n = Number(arg);
  if (!Number.isInteger(n)) throw new CommandError(`Invalid frame count (${arg})`);
  return n;
}

export const up: Command = {
  names: ['up', 'u'],
  usage: 'u(p) [count]',
  help: 'Move the current frame count (default one) levels up in the stack trace (to an older frame).',
  async run(ctx, arg) {
    const n = count(arg);
    if (ctx.frame >= ctx.target.frames.length - 1) {
      const cut = olderFramesNote(ctx);
      throw new CommandError(cut ? `Oldest frame kept: ${cut}` : 'Oldest frame');
    }
    await select(ctx, n < 0 ? ctx.target.frames.length - 1 : Math.min(ctx.target.frames.length - 1, ctx.frame + n));
  },
};

export const down: Command = {
  names: ['down', 'd'],
  usage: 'd(own) [count]',
  help: 'Move the current frame count (default one) levels down in the stack trace (to a newer frame).',
  async run(ctx, arg) {
    const n = count(arg);
    if (ctx.frame <= 0) throw new CommandError('Newest frame');
    await select(ctx, n < 0 ? 0 : Math.max(0, ctx.frame - n));
  },
};

export const frame: Command = {
  names: ['frame', 'f'],
  usage: 'f(rame) [N]',
  help: 'Select frame N, counting from 0 for the newest (innermost) frame, and print it. Without N, print the current frame.',
  async run(ctx, arg) {
    if (!arg) return select(ctx, ctx.frame);
    const n = Number(arg);
    if (!Number.isInteger(n) || n < 0 || n >= ctx.target.frames.length) {
      throw new CommandError(`No frame ${arg} (frames are 0..${ctx.target.frames.length - 1})`);
    }
    await select(ctx, n);
  },
};
