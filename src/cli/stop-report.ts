// What pmdb prints when the program stops or ends, in pdb's words.
import type { Target } from '../target/target.js';
import { printEntry, sourceLine } from '../commands/stack-format.js';

/** DESIGN §3's traceback, oldest frame first, for the error that escaped. */
export async function printTraceback(target: Target, write: (s: string) => void): Promise<void> {
  write('Traceback (most recent call last):\n');
  for (let i = target.frames.length - 1; i >= 0; i--) {
    const frame = target.frames[i]!;
    write(`  File "${frame.file}", line ${frame.line}, in ${frame.name}${frame.async ? ' [async]' : ''}\n`);
    const line = await sourceLine(target, frame);
    if (line !== undefined && line.trim()) write(`    ${line.trim()}\n`);
  }
  write(`${target.exception?.text ?? 'Error'}\n`);
}

export async function printPostMortem(target: Target, write: (s: string) => void): Promise<void> {
  await printTraceback(target, write);
  write('Uncaught exception. Entering post mortem debugging\n');
  write("Running 'cont' or 'step' will restart the program\n");
  await printLocation(target, 0, write);
}

export async function printLocation(target: Target, frame: number, write: (s: string) => void): Promise<void> {
  const f = target.frames[frame];
  if (!f) {
    write('> (no JavaScript frame: the program was waiting in the event loop)\n');
    return;
  }
  await printEntry(target, f, true, write);
}

export function endMessage(ended: { code: number | null; signal: NodeJS.Signals | null; viaExit: boolean }): string {
  if (ended.signal) return `The program was killed by signal ${ended.signal} and will be restarted`;
  if (ended.viaExit) return `The program exited via process.exit(). Exit status: ${ended.code ?? 0}`;
  if (ended.code) return `The program exited with status ${ended.code} and will be restarted`;
  return 'The program finished and will be restarted';
}
