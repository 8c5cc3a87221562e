// break / tbreak / clear / disable / enable / ignore / condition: pdb's breakpoint commands and
// their messages. They change the session's store only; the session binds it before resuming.
import { CommandError, type Command, type Context } from '../repl/types.js';
import { describe, formatTable, type Breakpoint } from '../engine/breakpoints.js';
import { checkCondition, findFile, locate, parseLine } from './breakpoint-spec.js';

function breakCommand(names: string[], temporary: boolean, usage: string, help: string): Command {
  return {
    names,
    usage,
    help,
    async run(ctx, arg) {
      if (!arg) {
        ctx.write(formatTable(ctx.breakpoints.all()));
        return;
      }
      // As pdb: the condition is everything after the first comma.
      const comma = arg.indexOf(',');
      const condition = comma > 0 ? arg.slice(comma + 1).trim() : '';
      if (condition) checkCondition(condition);
      const where = await locate(ctx, comma > 0 ? arg.slice(0, comma).trim() : arg);
      if (where.asked) ctx.write(`No code at line ${where.asked}: breakpoint moved to line ${where.line}\n`);
      const bp = ctx.breakpoints.add({ file: where.file, line: where.line, at: where.at, temporary, condition: condition || undefined });
      ctx.write(`Breakpoint ${bp.number} at ${bp.file}:${bp.line}\n`);
    },
  };
}

export const breakpoint = breakCommand(
  ['break', 'b'],
  false,
  'b(reak) [ ([filename:]lineno | function) [, condition] ]',
  'Without argument, list all breaks. With a line number, set a break at this line in the current file; with a function name, at the first statement of that function. The line number may be prefixed with a filename and a colon, for a file that may not be loaded yet. A line with no code moves to the next line that has some. If a condition is given, it is a JavaScript expression which must be true before the breakpoint is honored.',
);

export const tbreak = breakCommand(
  ['tbreak'],
  true,
  'tbreak [ ([filename:]lineno | function) [, condition] ]',
  'Same arguments as break, but sets a temporary breakpoint: it is automatically deleted when first hit.',
);

/** Runs `each` for every breakpoint number in `arg`, reporting bad ones as pdb does, one line each. */
function forEachNumber(ctx: Context, arg: string, each: (bp: Breakpoint) => void): void {
  for (const number of arg.split(/\s+/).filter(Boolean)) {
    let bp: Breakpoint;
    try {
      bp = ctx.breakpoints.get(number);
    } catch (err) {
      ctx.write(`*** ${(err as Error).message}\n`);
      continue;
    }
    each(bp);
  }
}

export const clear: Command = {
  names: ['clear', 'cl'],
  usage: 'cl(ear) [filename:lineno | bpnumber ...]',
  help: 'With a space separated list of breakpoint numbers, clear those breakpoints. Without argument, clear all breaks (but first ask confirmation). With a filename:lineno argument, clear all breaks at that line in that file.',
  async run(ctx, arg) {
    const store = ctx.breakpoints;
    const remove = (bp: Breakpoint) => {
      store.delete(bp);
      ctx.write(`Deleted ${describe(bp)}\n`);
    };
    if (!arg) {
      const reply = (await ctx.io.reader.read('Clear all breaks? ')) ?? 'no';
      if (['y', 'yes'].includes(reply.trim().toLowerCase())) store.all().forEach(remove);
      return;
    }
    const colon = arg.lastIndexOf(':');
    if (colon < 0) {
      forEachNumber(ctx, arg, remove);
      return;
    }
    const name = arg.slice(0, colon).trim();
    const lineText = arg.slice(colon + 1).trim();
    const line = parseLine(lineText, `Invalid line number (${lineText})`);
    const file = findFile(ctx, name) ?? name;
    if (!store.all().some((bp) => bp.file === file)) throw new CommandError(`There are no breakpoints in ${file}`);
    const there = store.at(file, line);
    if (there.length === 0) throw new CommandError(`There is no breakpoint at ${file}:${line}`);
    there.forEach(remove);
  },
};

function toggle(enabled: boolean, usage: string, help: string): Command {
  const [name] = usage.split(' ');
  return {
    names: [name!],
    usage,
    help,
    async run(ctx, arg) {
      forEachNumber(ctx, arg, (bp) => {
        bp.enabled = enabled;
        ctx.write(`${enabled ? 'Enabled' : 'Disabled'} ${describe(bp)}\n`);
      });
    },
  };
}

export const disable = toggle(
  false,
  'disable bpnumber [bpnumber ...]',
  'Disables the breakpoints given as a space separated list of breakpoint numbers. A disabled breakpoint cannot stop the program, but unlike a cleared one it stays in the list and can be enabled again.',
);

export const enable = toggle(true, 'enable bpnumber [bpnumber ...]', 'Enables the breakpoints given as a space separated list of breakpoint numbers.');

export const ignore: Command = {
  names: ['ignore'],
  usage: 'ignore bpnumber [count]',
  help: 'Set the ignore count for the given breakpoint number; without a count, 0. While the count is above zero, each time the breakpoint is reached (enabled, its condition true) the count goes down by one instead of stopping.',
  async run(ctx, arg) {
    const [number, countText] = arg.split(/\s+/);
    const count = countText === undefined ? 0 : parseLine(countText, `Invalid count (${countText})`);
    const bp = ctx.breakpoints.get(number);
    bp.ignore = count;
    if (count === 0) ctx.write(`Will stop next time breakpoint ${bp.number} is reached.\n`);
    else ctx.write(`Will ignore next ${count === 1 ? '1 crossing' : `${count} crossings`} of breakpoint ${bp.number}.\n`);
  },
};

export const condition: Command = {
  names: ['condition'],
  usage: 'condition bpnumber [condition]',
  help: 'Set a new condition for the breakpoint, a JavaScript expression which must be true before the breakpoint is honored. If the condition is absent, any existing condition is removed: the breakpoint is made unconditional.',
  async run(ctx, arg) {
    const space = arg.indexOf(' ');
    const text = space < 0 ? '' : arg.slice(space + 1).trim();
    const bp = ctx.breakpoints.get(space < 0 ? arg : arg.slice(0, space));
    if (text) checkCondition(text);
    bp.condition = text || undefined;
    ctx.write(text ? `New condition set for breakpoint ${bp.number}.\n` : `Breakpoint ${bp.number} is now unconditional.\n`);
  },
};
