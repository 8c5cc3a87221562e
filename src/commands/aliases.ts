// alias / unalias: pdb's user-defined command names (see repl/aliases.ts for the expansion).
import { CommandError, type Command } from '../repl/types.js';
import type { CommandLoop } from '../repl/command-loop.js';

export function aliasCommands(loop: () => CommandLoop): Command[] {
  const alias: Command = {
    names: ['alias'],
    usage: 'alias [name [command]]',
    help: "Create an alias called 'name' that executes 'command'. The command must not be enclosed in quotes. Replaceable parameters can be indicated by %1, %2, and so on, while %* is replaced by all the parameters. If no command is given, the current alias for name is shown. If no name is given, all aliases are listed. Aliases may be nested and can contain anything that can be legally typed at the pmdb prompt, ;; included. Example: alias pi for (const k in %1) console.log(`%1.${k} =`, %1[k])",
    async run(ctx, arg) {
      const [name, ...rest] = arg.split(/\s+/).filter(Boolean);
      if (rest.length === 0) {
        for (const line of loop().aliases.list(name)) ctx.write(line + '\n');
        return;
      }
      loop().aliases.define(name!, rest.join(' '));
    },
  };
  const unalias: Command = {
    names: ['unalias'],
    usage: 'unalias name',
    help: 'Delete the specified alias.',
    async run(_ctx, arg) {
      const name = arg.split(/\s+/)[0];
      if (!name) throw new CommandError('usage: unalias name');
      loop().aliases.remove(name);
    },
  };
  return [alias, unalias];
}
