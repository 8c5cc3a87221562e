// view: the current stop as a page in the browser (view/view-server.ts), served until pmdb exits.
// A live program is captured first, as a dump would be: the page shows that snapshot, whatever
// the program does after.
import { CommandError, type Command } from '../repl/types.js';
import type { ViewServer } from '../view/view-server.js';

/** One page at a time: a new `view` replaces the last (its address stops answering). */
let current: ViewServer | undefined;

export const view: Command = {
  names: ['view'],
  usage: 'view',
  help:
    "Serve this stop as a page on this machine (127.0.0.1, at a random port, with a secret token in the printed address): the exception chain, the frames, each frame's source with the failing part marked, its variables as trees opened on demand, a console per frame, and plots of numeric arrays. On a live program the page shows a snapshot taken now, as a dump would keep it (secret-looking names redacted; values as they are now; functions cannot be called). The page's console evaluates as pmdb open does, against the captured values, in a realm that compiles no code, with a time limit. The server stops when pmdb exits; a new view replaces it.",
  async run(ctx) {
    const stop = ctx.exceptionView?.stop ?? ctx.target;
    if (!stop.capture) throw new CommandError('view: this stop cannot be captured');
    const dump = await stop.capture();
    const { startViewServer } = await import('../view/view-server.js');
    current?.close();
    current = await startViewServer(dump);
    // The page opens at the prompt's frame (after `exceptions N` the frames are another exception's).
    const frame = ctx.exceptionView ? '' : `#frame=${ctx.frame}`;
    ctx.write(`Viewing this stop (a snapshot) at ${current.url}${frame}\n`);
  },
};
