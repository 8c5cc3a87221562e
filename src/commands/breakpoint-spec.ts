// What a `break`/`clear` argument names: `[file:]line` or a function, checked against the
// source as pdb checks it, in the user's (TypeScript) lines.
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CommandError, type Context } from '../repl/types.js';
import { EvaluationError } from '../target/target.js';
import { SourceCode } from '../engine/code-lines.js';
import { parseWholeExpression } from '../engine/parse-program.js';
import type { SourcePosition } from '../engine/breakpoints.js';

export interface Location {
  file: string;
  line: number;
  /** Function breakpoints: the function's first statement. */
  at?: SourcePosition;
  /** The line asked for, when it had no code and the breakpoint moved to `line`. */
  asked?: number;
}

/** Like pdb's search of sys.path: as given, next to the script, in the working directory; the extension may be left out. */
export function findFile(ctx: Context, name: string): string | undefined {
  const bases = path.isAbsolute(name) ? [name] : [path.resolve(path.dirname(ctx.script), name), path.resolve(name)];
  for (const base of bases) {
    for (const ext of ['', '.ts', '.js', '.mts', '.mjs', '.cts', '.cjs']) {
      try {
        if (statSync(base + ext).isFile()) return realpathSync(base + ext);
      } catch {
        // Not there: try the next candidate.
      }
    }
  }
  return undefined;
}

/** The file `b LINE` means: the selected frame's, or the script's before any frame exists. */
function currentFile(ctx: Context): string {
  return ctx.target.frames[ctx.frame]?.file ?? realpathSync(ctx.script);
}

export function parseLine(text: string, message: string): number {
  if (!/^\d+$/.test(text)) throw new CommandError(message);
  return Number(text);
}

export async function locate(ctx: Context, spec: string): Promise<Location> {
  const colon = spec.lastIndexOf(':');
  if (colon >= 0) {
    const name = spec.slice(0, colon).trim();
    const file = findFile(ctx, name);
    if (!file) throw new CommandError(`'${name}' not found`);
    const lineText = spec.slice(colon + 1).trim();
    return lineIn(ctx, file, parseLine(lineText, `Bad lineno: ${lineText}`));
  }
  if (/^\d+$/.test(spec)) return lineIn(ctx, currentFile(ctx), Number(spec));
  return functionNamed(ctx, spec);
}

async function sourceCode(ctx: Context, file: string): Promise<{ lines: string[]; code?: SourceCode }> {
  const lines = await ctx.target.sourceLines(file);
  if (!lines) throw new CommandError(`'${file}' not found`);
  return { lines, code: SourceCode.analyze(file, lines.join('\n')) };
}

/** A line with no code moves to the next one that has some; a file that does not compile is taken as it is. */
async function lineIn(ctx: Context, file: string, line: number): Promise<Location> {
  const { lines, code } = await sourceCode(ctx, file);
  if (line < 1 || line > lines.length) throw new CommandError(`Line ${file}:${line} does not exist`);
  const at = code ? code.codeLineFrom(line) : line;
  if (at === undefined) throw new CommandError('Blank or comment');
  return at === line ? { file, line } : { file, line: at, asked: line };
}

/**
 * pdb's order: the name evaluated in the frame (any function value, from any file), then a
 * function of that name in the current file (one not defined yet: a class, a `const` arrow).
 * `Class.method` is looked for on the prototype first.
 */
async function functionNamed(ctx: Context, name: string): Promise<Location> {
  const dotted = /^([A-Za-z_$][\w$.]*)\.([A-Za-z_$][\w$]*)$/.exec(name);
  const expression = dotted ? `${dotted[1]}.prototype?.${dotted[2]} ?? ${name}` : name;
  const defined = await ctx.target
    .evaluate(ctx.frame, expression)
    .then((value) => ctx.target.functionLocation(value))
    .catch((err: unknown) => {
      if (err instanceof EvaluationError) return undefined;
      throw err;
    });
  if (defined) {
    const fn = (await sourceCode(ctx, defined.file).catch(() => undefined))?.code?.functionAt(defined.line);
    return { file: defined.file, line: defined.line, at: fn?.body };
  }
  const file = currentFile(ctx);
  const fn = (await sourceCode(ctx, file)).code?.functionNamed(name);
  if (!fn) throw new CommandError(`The specified object '${name}' is not a function or was not found.`);
  return { file, line: fn.header, at: fn.body };
}

/** A condition must at least parse as a JavaScript expression. */
export function checkCondition(condition: string): void {
  try {
    parseWholeExpression(condition);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/ \(\d+:\d+\)$/, '') : String(err);
    throw new CommandError(`Invalid condition '${condition}': ${reason}`);
  }
}
