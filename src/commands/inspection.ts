// args / p / pp / whatis / display / undisplay / exceptions: looking at values.
import { CommandError, type Command, type Context } from '../repl/types.js';
import { printEntry } from './stack-format.js';

function need(arg: string, usage: string): string {
  if (!arg) throw new CommandError(`usage: ${usage}`);
  return arg;
}

export async function show(ctx: Context, expression: string, pretty: boolean): Promise<string> {
  const value = await ctx.target.evaluate(ctx.frame, expression);
  return ctx.target.format(value, { pretty, colors: ctx.colors });
}

export const args: Command = {
  names: ['args', 'a'],
  usage: 'a(rgs)',
  help: "Print the arguments of the current function and their current values.",
  async run(ctx) {
    for (const v of await ctx.target.variables(ctx.frame, 'args')) {
      ctx.write(`${v.name} = ${await ctx.target.format(v.value, { pretty: false, colors: ctx.colors })}\n`);
    }
  },
};

export const p: Command = {
  names: ['p'],
  usage: 'p expression',
  help: 'Print the value of the expression, as util.inspect shows it.',
  async run(ctx, arg) {
    ctx.write((await show(ctx, need(arg, 'p expression'), false)) + '\n');
  },
};

export const pp: Command = {
  names: ['pp'],
  usage: 'pp expression',
  help: 'Pretty-print the value of the expression: deeper, one property per line where it helps.',
  async run(ctx, arg) {
    ctx.write((await show(ctx, need(arg, 'pp expression'), true)) + '\n');
  },
};

export const whatis: Command = {
  names: ['whatis'],
  usage: 'whatis expression',
  help: 'Print the type of the expression: a primitive type, Function name, Class name, or the constructor of an object.',
  async run(ctx, arg) {
    const value = await ctx.target.evaluate(ctx.frame, need(arg, 'whatis expression'));
    ctx.write((await ctx.target.typeName(value)) + '\n');
  },
};

/** Displayed expressions whose value changed since they were last shown, as pdb prints them. */
export async function showDisplays(ctx: Context): Promise<void> {
  for (const display of ctx.displays) {
    let text: string;
    try {
      text = await show(ctx, display.expression, false);
    } catch (err) {
      text = `** raised ${err instanceof Error ? err.message : String(err)} **`;
    }
    if (text !== display.last) {
      ctx.write(`display ${display.expression}: ${text}${display.last !== undefined ? `  [old: ${display.last}]` : ''}\n`);
      display.last = text;
    }
  }
}

export const display: Command = {
  names: ['display'],
  usage: 'display [expression]',
  help: 'Display the value of the expression if it changed, each time execution stops. Without expression, list all display expressions.',
  async run(ctx, arg) {
    if (!arg) {
      ctx.write('Currently displaying:\n');
      for (const d of ctx.displays) ctx.write(`${d.expression}: ${d.last ?? ''}\n`);
      return;
    }
    const text = await show(ctx, arg, false).catch((err) => `** raised ${err instanceof Error ? err.message : err} **`);
    const existing = ctx.displays.find((d) => d.expression === arg);
    if (existing) existing.last = text;
    else ctx.displays.push({ expression: arg, last: text });
    ctx.write(`display ${arg}: ${text}\n`);
  },
};

export const undisplay: Command = {
  names: ['undisplay'],
  usage: 'undisplay [expression]',
  help: 'Do not display the expression any more. Without expression, clear all display expressions.',
  async run(ctx, arg) {
    if (!arg) {
      ctx.displays.length = 0;
      return;
    }
    const index = ctx.displays.findIndex((d) => d.expression === arg);
    if (index < 0) throw new CommandError(`not displaying ${arg}`);
    ctx.displays.splice(index, 1);
  },
};

export const exceptions: Command = {
  names: ['exceptions'],
  usage: 'exceptions [number]',
  help: 'List the chain of exceptions: causes (error.cause) and AggregateError members, oldest first; > marks the one the commands look at. With a number, switch to that exception: its frames (rebuilt from its stack, not live) become the current stack.',
  async run(ctx, arg) {
    const stop = ctx.exceptionView?.stop ?? ctx.target;
    const chain = await stop.exceptionChain();
    if (chain.length === 0) throw new CommandError('no exception: the program did not stop on an error');
    const current = ctx.exceptionView?.index ?? chain.length - 1;
    if (!arg) {
      chain.forEach((e, i) => {
        const text = e.text.length > 80 ? e.text.slice(0, 77) + '...' : e.text;
        ctx.write(`${i === current ? '>' : ' '} ${String(i).padStart(3)} ${text}\n`);
      });
      return;
    }
    const n = Number(arg);
    if (!Number.isInteger(n) || !chain[n]) throw new CommandError(`No exception with that number (0..${chain.length - 1})`);
    ctx.target = await stop.exceptionTarget(n);
    ctx.exceptionView = { index: n, stop };
    ctx.frame = 0;
    ctx.listNext = undefined;
    const frame = ctx.target.frames[0];
    // Only the stop's own exception has the stop's frames; a cause's are the lines its stack names.
    if (frame && ctx.target !== stop) {
      ctx.write(`pmdb: the frames of exception ${n} are rebuilt from its stack: not live, no locals (exceptions ${chain.length - 1} goes back)\n`);
    }
    if (frame) await printEntry(ctx.target, frame, true, ctx.write, ctx.colors);
    else ctx.write(`${chain[n]!.text}: no frames (its stack is empty)\n`);
  },
};
