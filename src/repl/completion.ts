// Tab completion from the stopped frame: command names first word, then the frame's variables,
// and properties after a dot (`config.tim<Tab>`); after `b`/`tbreak`, locations.
import type { Context } from './types.js';
import { completeLocation } from './complete-location.js';

export async function completeExpression(ctx: Context, text: string): Promise<[string[], string]> {
  const match = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$|([A-Za-z_$][\w$]*)$/.exec(text);
  if (!match) return [[], text];
  try {
    if (match[1] !== undefined) {
      const partial = match[2]!;
      const value = await ctx.target.evaluate(ctx.frame, match[1]);
      const names = await ctx.target.propertyNames(value);
      return [names.filter((n) => n.startsWith(partial)).sort(), partial];
    }
    const partial = match[3]!;
    // The frame's variables, then globals (pdb completes f_globals too), then extracted copies.
    const names = (await ctx.target.variables(ctx.frame, 'all')).map((v) => v.name);
    const globals = await ctx.target.propertyNames(await ctx.target.evaluate(ctx.frame, 'globalThis'));
    const all = new Set([...names, ...globals, ...ctx.target.extracted.names]);
    return [[...all].filter((n) => n.startsWith(partial)).sort(), partial];
  } catch {
    return [[], text];
  }
}

export async function completePrompt(ctx: Context, commandNames: string[], line: string): Promise<[string[], string]> {
  if (/^\s*\w*$/.test(line)) {
    const word = line.trim();
    const [vars] = await completeExpression(ctx, word);
    const names = [...new Set([...commandNames.filter((n) => n.startsWith(word)), ...vars])].sort();
    return [names, word];
  }
  const location = /^\s*(?:b|break|tbreak)\s+(\S*)$/.exec(line);
  if (location) return [await completeLocation(ctx, location[1]!), location[1]!];
  return completeExpression(ctx, line);
}
