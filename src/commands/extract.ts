// extract [name ...]: copy the frame's variables into the session, where they stay usable by name
// from any frame, in interact, after the program moves on or restarts, and on a dump (the
// extract() of the post-mortem plotting article, built in; see target/extracted.ts).
import { CommandError, type Command } from '../repl/types.js';
import { isBindable } from '../util/bindable-name.js';

export const extract: Command = {
  names: ['extract'],
  usage: 'extract [name ...]',
  help: "Copy the current frame's variables (locals, closure, block and module scopes; not globals, nor CommonJS's require, module, exports, __filename and __dirname, nor the compiler's __ helpers), or only those named, into the debugger's session. The copies keep their names and stay usable in any later expression: in other frames, in interact, after the program continues, ends or restarts, and on a dump. The program's own variables hide them where it has the same names. Copies are taken as dumps are: identity and cycles kept, getters not run, depth and size bounded; functions are kept but cannot be called.",
  async run(ctx, arg) {
    const names = [...new Set(arg.split(/[\s,]+/).filter(Boolean))];
    const bad = names.find((name) => !isBindable(name));
    if (bad) throw new CommandError(`extract takes variable names: ${bad} is not one`);
    const { extraction, missing } = await ctx.target.extract(ctx.frame, names);
    for (const name of missing) ctx.write(`*** ReferenceError: ${name} is not defined\n`);
    if (extraction.values.length === 0) {
      if (names.length === 0) throw new CommandError('no variables to extract in this frame');
      return;
    }
    ctx.target.extracted.add(extraction);
    ctx.write(`Extracted: ${extraction.values.map(([name]) => name).join(', ')}\n`);
  },
};
