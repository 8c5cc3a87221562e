// Tab completion of a `b`/`tbreak` location: `FILE:` for the user's loaded scripts, and the
// names of the functions in the current file (`b NAME`).
import * as path from 'node:path';
import { SourceCode } from '../engine/code-lines.js';
import { isPackageFile } from '../engine/scripts.js';
import type { Context } from './types.js';

/**
 * The user's scripts: the program, the files of the stack and of breakpoints, and every file of
 * the user's the program has loaded (CommonJS and ES modules); not installed packages.
 */
async function userScripts(ctx: Context): Promise<string[]> {
  const files = [ctx.script, ...ctx.target.frames.map((f) => f.file), ...ctx.breakpoints.all().map((bp) => bp.file)];
  files.push(...(await ctx.target.loadedFiles().catch(() => [])));
  return [...new Set(files.map((f) => path.resolve(f)))].filter((f) => !isPackageFile(f));
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
