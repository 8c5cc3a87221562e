// list / ll / source: showing original source with pdb's markers.
import { CommandError, type Command, type Context } from '../repl/types.js';
import { listLine } from './stack-format.js';
import { findHead, functionEnd } from './function-range.js';
import { highlightedLines } from './highlight.js';

/** Lines as shown: syntax-colored on a terminal (never parse these: they hold escapes). */
const shownLines = async (ctx: Context, file: string, lines: string[]): Promise<string[]> =>
  ctx.colors ? highlightedLines(file, lines) : lines;

async function printLines(ctx: Context, file: string, first: number, last: number): Promise<void> {
  const plain = await ctx.target.sourceLines(file);
  if (!plain) throw new CommandError(`could not read source of ${file}`);
  const lines = await shownLines(ctx, file, plain);
  const frame = ctx.target.frames[ctx.frame];
  const currentLine = frame?.file === file ? frame.line : -1;
  let shown = 0;
  for (let n = Math.max(1, first); n <= Math.min(last, lines.length); n++) {
    const breakpoint = ctx.breakpoints.at(file, n).length > 0;
    ctx.write(listLine(n, lines[n - 1]!, { breakpoint, current: n === currentLine }) + '\n');
    shown = n;
  }
  if (last > lines.length || shown === 0) ctx.write('[EOF]\n');
  ctx.listNext = { file, line: Math.max(shown, first - 1) + 1 };
}

function currentFrame(ctx: Context) {
  const frame = ctx.target.frames[ctx.frame];
  if (!frame) throw new CommandError('no frame is selected (the program was idle)');
  return frame;
}

export const list: Command = {
  names: ['list', 'l'],
  usage: 'l(ist) [first[, last] | .]',
  help: 'List source code for the current file. Without arguments, list 11 lines around the current line or continue the previous listing. With . as argument, list 11 lines around the current line. With one argument, list 11 lines starting at that line. With two arguments, list the given range; if the second argument is less than the first, it is taken as a count.',
  async run(ctx, arg) {
    const frame = currentFrame(ctx);
    if (!arg || arg === '.') {
      if (!arg && ctx.listNext && ctx.listNext.file === frame.file) {
        return printLines(ctx, frame.file, ctx.listNext.line, ctx.listNext.line + 10);
      }
      const first = Math.max(1, frame.line - 5);
      return printLines(ctx, frame.file, first, first + 10);
    }
    const parts = arg.split(',').map((p) => p.trim());
    const nums = parts.map(Number);
    if (parts.length > 2 || nums.some((n) => !Number.isInteger(n))) throw new CommandError(`Error in argument: '${arg}'`);
    let [first, last] = nums as [number, number | undefined];
    if (last === undefined) {
      first = Math.max(1, first - 5);
      last = first + 10;
    } else if (last < first) {
      last = first + last;
    }
    return printLines(ctx, frame.file, first, last);
  },
};

export const longlist: Command = {
  names: ['longlist', 'll'],
  usage: 'll | longlist',
  help: 'List the whole source code for the current function or frame.',
  async run(ctx) {
    const frame = currentFrame(ctx);
    const lines = await ctx.target.sourceLines(frame.file);
    if (!lines) throw new CommandError(`could not read source of ${frame.file}`);
    const start =
      frame.name === '<module>'
        ? 1
        : ((await ctx.target.functionStart(ctx.frame))?.line ?? findHead(lines, frame.line, frame.name, 'function'));
    if (!start) throw new CommandError('could not find the function of this frame');
    const end = frame.name === '<module>' ? lines.length : functionEnd(lines, start);
    await printLines(ctx, frame.file, start, end);
    ctx.listNext = undefined;
  },
};

export const source: Command = {
  names: ['source'],
  usage: 'source expression',
  help: 'Try to get source code for the given object (a function or class) and display it.',
  async run(ctx, arg) {
    if (!arg) throw new CommandError('usage: source expression');
    const value = await ctx.target.evaluate(ctx.frame, arg);
    const where = await ctx.target.functionLocation(value);
    if (!where) {
      const text = await ctx.target.functionText?.(value);
      if (text === undefined) throw new CommandError(`could not get source for ${arg}: not a function or class`);
      ctx.write(text + '\n');
      return;
    }
    const lines = await ctx.target.sourceLines(where.file);
    if (!lines) throw new CommandError(`could not read source of ${where.file}`);
    // V8 places a class at its constructor: show the whole class.
    const type = await ctx.target.typeName(value);
    const first = type.startsWith('Class ') ? (findHead(lines, where.line, type.slice(6), 'class') ?? where.line) : where.line;
    const end = functionEnd(lines, first);
    const shown = await shownLines(ctx, where.file, lines);
    for (let n = first; n <= end; n++) ctx.write(listLine(n, shown[n - 1]!, {}) + '\n');
  },
};
