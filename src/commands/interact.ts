// interact: a full Node REPL whose every line runs in the selected frame, with completion from
// the frame's variables. `.exit` or Ctrl-D returns to the (Pmdb) prompt.
import { EvaluationError } from '../target/target.js';
import type { Command } from '../repl/types.js';
import { completeExpression } from '../repl/completion.js';

export const interact: Command = {
  names: ['interact'],
  usage: 'interact',
  help: 'Start an interactive JavaScript interpreter (node:repl) in the current frame: locals, closure and module variables are in scope, and assignments change the program when it is live. .exit or Ctrl-D returns to the debugger.',
  async run(ctx) {
    // node:repl costs ~150 ms to load: only when asked for.
    const repl = await import('node:repl');
    ctx.io.reader.release();
    ctx.write('*interactive*\n');
    await new Promise<void>((resolve) => {
      const server = repl.start({
        prompt: '>>> ',
        input: ctx.io.input,
        output: ctx.io.output,
        terminal: ctx.io.input.isTTY,
        useColors: ctx.colors,
        writer: (output: unknown) => String(output),
        completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
          completeExpression(ctx, line).then(
            (r) => callback(null, r),
            () => callback(null, [[], line]),
          );
        },
        eval: (code, _context, _file, callback) => {
          ctx.target
            .evaluate(ctx.frame, code)
            .then((value) => ctx.target.format(value, { pretty: false, colors: ctx.colors }))
            .then(
              (text) => callback(null, text),
              (err: unknown) => {
                const message = err instanceof Error ? err.message : String(err);
                if (err instanceof EvaluationError && /^SyntaxError: (Unexpected end of input|missing \) after)/.test(message)) {
                  callback(new repl.Recoverable(err), undefined);
                } else callback(null, `Uncaught ${message}`);
              },
            );
        },
      });
      server.on('exit', () => resolve());
    });
    if (ctx.io.input.isTTY && ctx.io.input.isRaw) ctx.io.input.setRawMode(false);
    ctx.write('now exiting InteractiveConsole...\n');
  },
};
