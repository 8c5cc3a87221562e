// help [command]: pdb's layout (cmd.Cmd's columns) and one paragraph per command.
import { CommandError, type Command } from '../repl/types.js';
import type { CommandLoop } from '../repl/command-loop.js';

/** Python's cmd.Cmd.columnize: as few rows as fit in the width, columns two spaces apart. */
export function columnize(items: string[], width = 79): string[] {
  if (items.length === 0) return ['<empty>'];
  if (items.length === 1) return [items[0]!];
  let rows = items.length;
  let widths = [0];
  for (let nrows = 1; nrows < items.length; nrows++) {
    const ncols = Math.ceil(items.length / nrows);
    const colWidths: number[] = [];
    let total = -2;
    for (let col = 0; col < ncols; col++) {
      const column = items.slice(col * nrows, col * nrows + nrows);
      const w = Math.max(...column.map((s) => s.length));
      colWidths.push(w);
      total += w + 2;
      if (total > width) break;
    }
    if (total <= width) {
      rows = nrows;
      widths = colWidths;
      break;
    }
  }
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const texts: string[] = [];
    for (let col = 0; col < widths.length; col++) texts.push(items[row + rows * col] ?? '');
    while (texts.length && !texts[texts.length - 1]) texts.pop();
    lines.push(texts.map((t, i) => t.padEnd(widths[i]!)).join('  '));
  }
  return lines;
}

function wrap(text: string, indent: string, width = 72): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

export function helpCommand(loop: () => CommandLoop): Command {
  return {
    names: ['help', 'h', '?'],
    usage: 'h(elp) [command]',
    help: 'Without argument, print the list of available commands. With a command name as argument, print help about that command.',
    async run(ctx, arg) {
      const commands = loop();
      if (!arg) {
        const header = 'Documented commands (type help <topic>):';
        const names = [...commands.names].filter((n) => n !== '?').sort();
        ctx.write(`\n${header}\n${'='.repeat(header.length)}\n${columnize(names).join('\n')}\n\n`);
        return;
      }
      const command = commands.lookup(arg);
      if (!command) throw new CommandError(`No help for '${arg}'`);
      ctx.write(`${command.usage}\n${wrap(command.help, '        ')}\n`);
    },
  };
}
