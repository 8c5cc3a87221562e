// `pmdb open FILE`: the post-mortem prompt on a dump. Same commands as on a live program; those
// that would run the program say plainly that there is none.
import { readDump } from '../dump/read-dump.js';
import { DumpTarget } from '../target/dump-target.js';
import { CommandError, type Command } from '../repl/types.js';
import { StopPrompt } from './stop-prompt.js';
import { printLocation, printTraceback, threadName } from './stop-report.js';

/** Commands that need a running program. */
const RUNNING_ONLY = new Set(['continue', 'step', 'next', 'return', 'until', 'restart', 'break', 'tbreak', 'clear', 'disable', 'enable', 'ignore', 'condition', 'commands']);

export async function openDump(file: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<number> {
  const dump = readDump(file);
  const target = new DumpTarget(dump);
  const prompt = new StopPrompt({ input, output, adapt: (c) => (RUNNING_ONLY.has(c.names[0]!) ? notRunning(c) : c) });
  const { write, colors } = prompt;
  const ctx = prompt.context(target, true, dump.process.argv[1] ?? '');
  await printTraceback(target, write, colors);
  const thread = dump.thread ? `, ${threadName(dump.thread)}` : '';
  const where = `${dump.process.argv.slice(1).join(' ')} (pid ${dump.process.pid}, node ${dump.process.node}${thread})`;
  write(`pmdb: post-mortem of a dump taken ${dump.createdAt} from ${where}\n`);
  write('pmdb: values are as they were at the crash; functions cannot be called\n');
  await printLocation(target, 0, write, colors);
  while ((await prompt.interact(ctx)).kind !== 'quit');
  return 0;
}

function notRunning(command: Command): Command {
  return {
    ...command,
    async run() {
      throw new CommandError(`${command.names[0]}: the program is not running (this is a dump); q quits`);
    },
  };
}
