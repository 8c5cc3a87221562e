// Tab completion of a `b`/`tbreak` location: `FILE:` for the user's loaded scripts, and the
// names of the functions in the current file (`b NAME`).
import * as path from 'node:path';
import { SourceCode } from '../engine/code-lines.js';
import type { Context } from './types.js';

const ENCODED_CACHE =
  "Object.fromEntries(Object.keys(require.cache).map((f) => ['$' + Buffer.from(f).toString('hex'), 0]))";

/**
 * The user's scripts pmdb can name without asking the agent: the program, the files of the
 * stack and of breakpoints, and the CommonJS modules it has loaded (`require.cache`, reachable
 * only from a CommonJS frame). Installed packages and Node's internals are not the user's.
 */
async function userScripts(ctx: Context): Promise<string[]> {
  const files = [ctx.script, ...ctx.target.frames.map((f) => f.file), ...ctx.breakpoints.all().map((bp) => bp.file)];
  try {
    // propertyNames hands back identifiers only: the paths travel hex-encoded as `$…` keys.
    const cache = await ctx.target.evaluate(ctx.frame, ENCODED_CACHE);
    const keys = (await ctx.target.propertyNames(cache)).filter((k) => /^\$[0-9a-f]+$/.test(k));
    files.push(...keys.map((k) => Buffer.from(k.slice(1), 'hex').toString()));
  } catch {
    // An ES module or a dump: no require here.
  }
  return [...new Set(files.map((f) => path.resolve(f)))].filter((f) => !f.split(path.sep).includes('node_modules'));
}

/** A file as `b` finds it (findFile tries the script's directory first): relative there, else absolute. */
function spelling(ctx: Context, file: string): string {
  const relative = path.relative(path.dirname(path.resolve(ctx.script)), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function functionNames(ctx: Context): Promise<string[]> {
  const file = ctx.target.frames[ctx.frame]?.file ?? ctx.script;
  const lines = await ctx.target.sourceLines(file);
  return (lines && SourceCode.analyze(file, lines.join('\n'))?.functionNames) ?? [];
}

/** Completions for `partial`, the location typed so far after `b `. */
export async function completeLocation(ctx: Context, partial: string): Promise<string[]> {
  const files = (await userScripts(ctx)).map((f) => `${spelling(ctx, f)}:`);
  const names = await functionNames(ctx);
  return [...new Set([...files, ...names])].filter((n) => n.startsWith(partial)).sort();
}
