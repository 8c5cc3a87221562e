// pdb's aliases: `alias name command`, with %1..%9 replaced by the arguments and %* by all of
// them. The first word of a line is expanded while it names an alias, so aliases may use others.
import { CommandError } from './types.js';

export class Aliases {
  private readonly table = new Map<string, string>();

  /** `name = command` lines, sorted, as pdb lists them. */
  list(name?: string): string[] {
    if (name !== undefined) {
      const command = this.table.get(name);
      if (command === undefined) throw new CommandError(`Unknown alias '${name}'`);
      return [`${name} = ${command}`];
    }
    return [...this.table.keys()].sort().map((n) => `${n} = ${this.table.get(n)}`);
  }

  define(name: string, command: string): void {
    // Without %*, the parameters must run %1, %2, ... with no gap, or some could never be given.
    if (!command.includes('%*')) {
      let consecutive = true;
      for (let i = 1; i <= 9; i++) {
        if (!command.includes(`%${i}`)) consecutive = false;
        else if (!consecutive) throw new CommandError('Replaceable parameters must be consecutive');
      }
    }
    this.table.set(name, command);
  }

  remove(name: string): void {
    this.table.delete(name);
  }

  /** The line with its aliases expanded, as pdb's precmd does; throws on a wrong argument count. */
  expand(line: string): string {
    let args = line.split(/\s+/).filter(Boolean);
    // pdb loops forever on `alias x x`: here each alias expands once per line.
    const used = new Set<string>();
    while (args[0] !== undefined && this.table.has(args[0]) && !used.has(args[0])) {
      const name = args[0];
      used.add(name);
      let expanded = this.table.get(name)!;
      for (let i = 1; i <= 9; i++) {
        if (expanded.includes(`%${i}`)) {
          if (i >= args.length) throw new CommandError(`Not enough arguments for alias '${name}'`);
          expanded = expanded.replaceAll(`%${i}`, args[i]!);
        } else if (!expanded.includes('%*')) {
          if (i < args.length) throw new CommandError(`Too many arguments for alias '${name}'`);
          break;
        }
      }
      line = expanded.replaceAll('%*', args.slice(1).join(' '));
      args = line.split(/\s+/).filter(Boolean);
    }
    return line;
  }
}
