// commands [bpnumber]: a list of commands to run when the breakpoint stops, read at a `(com) `
// prompt as pdb reads it. `silent` drops the location line; `end`, or a command that resumes the
// program, ends the list.
import { CommandError, type Command } from '../repl/types.js';
import type { CommandLoop } from '../repl/command-loop.js';
import type { BreakpointCommands } from '../engine/breakpoints.js';
import { cont, next, quit, restart, step } from './control.js';

/** pdb's commands_resuming: after one of these, the program runs on and nothing is left to prompt for. */
const RESUMING = new Set<Command>([cont, step, next, quit, restart]);

export function commandsCommand(loop: () => CommandLoop): Command {
  return {
    names: ['commands'],
    usage: 'commands [bpnumber]',
    help: "Specify a list of commands for breakpoint number bpnumber (the last one set, without it), one per line at the (com) prompt, ended by a line 'end'. They run when the breakpoint stops the program. 'silent' leaves out the location line; a command that resumes the program (continue, step, next, ...) ends the list. Give no commands to remove them all.",
    async run(ctx, arg) {
      if (arg && !/^\d+$/.test(arg)) throw new CommandError('Usage: commands [bnum]\n        ...\n        end');
      const number = arg || String(ctx.breakpoints.lastNumber);
      const bp = (() => {
        try {
          if (number === '0') throw new Error('Breakpoint number expected');
          return ctx.breakpoints.get(number);
        } catch (err) {
          throw new CommandError(`cannot set commands: ${(err as Error).message}`);
        }
      })();
      const list: BreakpointCommands = { lines: [], silent: false, prompt: true };
      for (;;) {
        const line = (await ctx.io.reader.read('(com) '))?.trim();
        if (line === undefined || line === 'end') break;
        const word = /^[^\s;]*/.exec(line)![0];
        if (!word) continue;
        if (word === 'silent') {
          list.silent = true;
          continue;
        }
        list.lines.push(line);
        const command = loop().lookup(word);
        if (command && RESUMING.has(command)) {
          list.prompt = false;
          break;
        }
      }
      bp.commands = list;
    },
  };
}
