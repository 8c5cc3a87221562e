// Every command of the prompt, in one table.
import type { Command } from '../repl/types.js';
import type { CommandLoop } from '../repl/command-loop.js';
import { where, up, down, frame } from './navigation.js';
import { list, longlist, source } from './listing.js';
import { args, p, pp, whatis, display, undisplay, exceptions } from './inspection.js';
import { cont, step, next, quit, restart } from './control.js';
import { returnCommand, until, jump, debug, retval } from './stepping.js';
import { interact } from './interact.js';
import { extract } from './extract.js';
import { plot } from './plot.js';
import { view } from './view.js';
import { aliasCommands } from './aliases.js';
import { helpCommand } from './help.js';
import { breakpoint, tbreak, clear, disable, enable, ignore, condition } from './breakpoints.js';
import { commandsCommand } from './breakpoint-commands.js';

export function createCommands(loop: () => CommandLoop): Command[] {
  return [
    where, up, down, frame,
    list, longlist, source,
    args, p, pp, whatis, display, undisplay, exceptions,
    interact, extract, plot, view,
    breakpoint, tbreak, clear, disable, enable, ignore, condition, commandsCommand(loop),
    cont, step, next, returnCommand, until, jump, debug, retval, quit, restart,
    ...aliasCommands(loop),
    helpCommand(loop),
  ];
}
