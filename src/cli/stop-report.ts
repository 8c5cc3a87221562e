// What pmdb prints when the program stops or ends, in pdb's words.
import type { Target } from '../target/target.js';
import { printEntry } from '../commands/stack-format.js';
import { TracebackException } from '../traceback/index.js';

/** DESIGN §3's traceback for the error that escaped: carets, causes, groups, properties. */
export async function printTraceback(target: Target, write: (s: string) => void, colorize: boolean): Promise<void> {
  const record = await target.exceptionRecord();
  if (!record) return;
  write(TracebackException.fromData(record).format({ colorize }).join(''));
}

/** The one line before the location at a stop where library code will catch the error (`--stop-on escaped`): the program goes on after it. */
export async function printEscaped(target: Target, write: (s: string) => void, caughtBy: string): Promise<void> {
  const record = await target.exceptionRecord();
  const error = record ? TracebackException.fromData(record).formatExceptionOnly().join('').split('\n')[0] : '';
  write(`Exception caught by ${caughtBy} (--stop-on escaped): ${error}\n`);
}

/** `pmdb SCRIPT` owns its program: after a post-mortem it starts it again, as pdb does. */
export const RESTART_AFTER_CRASH = "Running 'cont' or 'step' will restart the program";

/** `pmdb run` does not own the processes: leaving the prompt lets the crashed one die of its error. */
export const END_AFTER_CRASH = "Running 'cont' or 'quit' lets the process end as it would have";

/**
 * pdb's post-mortem banner; the location line comes after any queued `-c` commands. `afterCrash`
 * says what leaving the prompt does in this session; a stop the program asked for (pm(),
 * postMortem(err)) is no uncaught exception, and its frames are always the snapshot taken at the
 * throw.
 */
export async function printPostMortem(
  target: Target,
  write: (s: string) => void,
  colorize: boolean,
  afterCrash: string,
  requested = false,
  /** A throw a library (a test runner) will take: live, and no crash. */
  escaped = false,
): Promise<void> {
  await printTraceback(target, write, colorize);
  if (requested) write('pmdb: the frames are a snapshot taken at the throw, not live\n');
  else if (!escaped) {
    write('Uncaught exception. Entering post mortem debugging\n');
    const snapshot = target.frames.some((f) => f.hasSnapshot);
    if (target.thread && !target.live && snapshot) {
      write(`pmdb: this error killed worker thread ${target.thread.id} (${target.thread.file}) first: its frames are a snapshot taken at the throw, not live\n`);
    } else {
      if (target.thread) write(`pmdb: ${threadName(target.thread)}\n`);
      if (!target.live) {
        write(
          snapshot
            ? 'pmdb: this error turned out uncaught only after its stack unwound: the frames are a snapshot taken at the throw, not live\n'
            : 'pmdb: V8 reported this error only after its stack unwound: the frames are not live and have no locals\n',
        );
      }
    }
  }
  write(`${afterCrash}\n`);
}

/** `worker thread 1 (/…/job.js)`. */
export function threadName(thread: { id: number; file: string }): string {
  return `in worker thread ${thread.id} (${thread.file})`;
}

/** The location line and its `-> ` source; `colors` (on a terminal): the source syntax-colored. */
export async function printLocation(target: Target, frame: number, write: (s: string) => void, colors = false): Promise<void> {
  const f = target.frames[frame];
  if (!f) {
    write('> (no JavaScript frame: the program was waiting in the event loop)\n');
    return;
  }
  await printEntry(target, f, true, write, colors);
}

export function endMessage(ended: { code: number | null; signal: NodeJS.Signals | null; viaExit: boolean }): string {
  if (ended.signal) return `The program was killed by signal ${ended.signal} and will be restarted`;
  if (ended.viaExit) return `The program exited via process.exit(). Exit status: ${ended.code ?? 0}`;
  if (ended.code) return `The program exited with status ${ended.code} and will be restarted`;
  return 'The program finished and will be restarted';
}

/** A compile error in the shape Node gives a JavaScript syntax error: file:line, source, caret. */
export function formatCompileError(e: { file: string; line: number; column: number; lineText: string; text: string }): string {
  return `${e.file}:${e.line}\n${e.lineText}\n${' '.repeat(e.column)}^\n\nSyntaxError: ${e.text}\n`;
}
