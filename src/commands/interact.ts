// interact: a full Node REPL whose every line runs in the selected frame, with completion from
// the frame's variables. `.exit` or Ctrl-D returns to the (Pmdb) prompt. On a terminal the REPL
// reads it; input from a pipe or file is the prompt's reader's (which may have read ahead), so
// the REPL is given its lines one at a time, each when it asks for the next, and the rest stays
// the prompt's after `.exit`.
import { PassThrough } from 'node:stream';
import type { REPLServer } from 'node:repl';
import type { LineReader } from '../cli/terminal.js';
import { EvaluationError } from '../target/target.js';
import type { Command } from '../repl/types.js';
import { completeExpression } from '../repl/completion.js';
import { plotInInteract } from './plot.js';

export const interact: Command = {
  names: ['interact'],
  usage: 'interact',
  help: 'Start an interactive JavaScript interpreter (node:repl) in the current frame: locals, closure and module variables are in scope, and assignments change the program when it is live. .exit or Ctrl-D returns to the debugger.',
  async run(ctx) {
    // node:repl costs ~150 ms to load: only when asked for.
    const repl = await import('node:repl');
    ctx.io.reader.release();
    ctx.write('*interactive*\n');
    const terminal = Boolean(ctx.io.input.isTTY);
    const input = terminal ? ctx.io.input : new PassThrough();
    await new Promise<void>((resolve) => {
      const server = repl.start({
        prompt: '>>> ',
        input,
        output: ctx.io.output,
        terminal,
        useColors: ctx.colors,
        // Only a plot's result is undefined (values come back as their text): it prints nothing.
        ignoreUndefined: true,
        writer: (output: unknown) => String(output),
        completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
          completeExpression(ctx, line).then(
            (r) => callback(null, r),
            () => callback(null, [[], line]),
          );
        },
        eval: (code, _context, _file, callback) => {
          plotInInteract(ctx, code)
            .then((plotted) => (plotted ? plotted.error : ctx.target.evaluate(ctx.frame, code).then((value) => ctx.target.format(value, { pretty: false, colors: ctx.colors }))))
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
      if (!terminal) feedLines(server, ctx.io.reader, input as PassThrough);
    });
    if (ctx.io.input.isTTY && ctx.io.input.isRaw) ctx.io.input.setRawMode(false);
    ctx.write('now exiting InteractiveConsole...\n');
  },
};

/** Gives the REPL the reader's next line each time it shows its prompt; the end of input ends it. */
function feedLines(server: REPLServer, reader: LineReader, input: PassThrough): void {
  const feed = () =>
    void reader.read('').then((line) => (line === null ? input.end() : input.write(line + '\n')));
  const displayPrompt = server.displayPrompt.bind(server);
  server.displayPrompt = (preserveCursor?: boolean) => {
    displayPrompt(preserveCursor);
    feed();
  };
  feed();
}
