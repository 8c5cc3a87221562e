// The window in which caught exceptions pause while Node evaluates an ES module entry
// (entry-escape.cts), whoever keeps it: pmdb/register's own session (entry-window.cts) or the
// agent (agent-entry-window.ts).
import type { Protocol } from 'devtools-protocol';

/**
 * The window in which caught exceptions pause: while Node evaluates the entry. It closes where
 * Node's module job for the entry has run it (a breakpoint at this line of
 * node:internal/modules/esm/module_job, on `this.isMain`), or after WINDOW_PAUSES pauses, so that
 * a program that lives in its top-level await does not pay a pause per caught exception for
 * long. The 0-based line, or -1 if this Node's source is not as expected (no window then).
 */
function entryDoneLine(moduleJobSource: string): number {
  const run = moduleJobSource.indexOf('async run(');
  const done = run < 0 ? -1 : moduleJobSource.indexOf('return { __proto__: null, module: this.module };', run);
  return done < 0 ? -1 : moduleJobSource.slice(0, done).split('\n').length - 1;
}

/**
 * Where a worker thread has run its entry: the return of the handler of the message that starts
 * it (node:internal/main/worker_thread), which Node dispatches through an EventTarget that catches
 * what the entry throws and rethrows it a tick later. The 0-based line of the handler's closing
 * `});`, or -1 if this Node's source is not as expected (the window then ends on its budget).
 */
function workerEntryDoneLine(workerMainSource: string): number {
  const handler = workerMainSource.indexOf("port.on('message', (message) => {");
  const end = handler < 0 ? -1 : workerMainSource.indexOf('\n});', handler);
  return end < 0 ? -1 : workerMainSource.slice(0, end + 1).split('\n').length - 1;
}

export const MODULE_JOB = 'node:internal/modules/esm/module_job';
export const WORKER_MAIN = 'node:internal/main/worker_thread';
const WINDOW_PAUSES = 200;

/** A window's state. */
export class EntryWindowState {
  open = true;
  /** The breakpoints at the entry's end (Node's module job; a worker's start-up handler). */
  readonly ends: string[] = [];
  private pauses = 0;

  /** What a pause means to the window: its end, its budget of caught exceptions spent, or nothing. */
  observe(paused: Protocol.Debugger.PausedEvent): 'end' | 'spent' | undefined {
    if (!this.open) return undefined;
    if (paused.hitBreakpoints?.some((id) => this.ends.includes(id))) return 'end';
    const exception = paused.reason === 'exception' || paused.reason === 'promiseRejection';
    const caught = exception && !(paused.data as { uncaught?: boolean } | undefined)?.uncaught;
    return caught && ++this.pauses > WINDOW_PAUSES ? 'spent' : undefined;
  }

  /** Where the window ends, in Node's module job script; undefined if its source is not as expected. */
  static doneBreakpoint(scriptId: string, source: string): Protocol.Debugger.SetBreakpointRequest | undefined {
    const lineNumber = entryDoneLine(source);
    return lineNumber < 0 ? undefined : { location: { scriptId, lineNumber }, condition: 'this.isMain' };
  }

  /** Where a worker thread has run its entry; undefined if the source is not as expected. */
  static workerDoneBreakpoint(scriptId: string, source: string): Protocol.Debugger.SetBreakpointRequest | undefined {
    const lineNumber = workerEntryDoneLine(source);
    return lineNumber < 0 ? undefined : { location: { scriptId, lineNumber } };
  }
}
