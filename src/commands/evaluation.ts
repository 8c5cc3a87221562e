// A line that is not a command (or starts with `!`) is JavaScript run in the current frame; its
// value is printed as the Node REPL would print it.
import type { Context } from '../repl/types.js';

export async function evaluateLine(ctx: Context, source: string): Promise<void> {
  const value = await ctx.target.evaluate(ctx.frame, source);
  const text = await ctx.target.format(value, { pretty: false, colors: ctx.colors });
  if (text !== 'undefined') ctx.write(text + '\n');
}
