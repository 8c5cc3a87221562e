// The window in which caught exceptions pause while Node evaluates an entry that it runs inside a
// handler that catches everything (entry-escape.cts): an ES module entry, a worker thread's entry.
// Whoever keeps it: pmdb/register's own session (entry-window.cts) or the agent
// (agent-entry-window.ts).
import type { Protocol } from 'devtools-protocol';
import { realpathSync } from 'node:fs';
import { scriptNames } from '../util/file-url.cjs';

/**
 * Where a worker thread has run its entry: the return of the handler of the message that starts
 * it (node:internal/main/worker_thread), which Node dispatches through an EventTarget that catches
 * what the entry throws and rethrows it a tick later. The 0-based line of the handler's closing
 * `});`, or -1 if this Node's source is not as expected (the entry's own end or the budget closes
 * the window then).
 */
function workerEntryDoneLine(workerMainSource: string): number {
  const handler = workerMainSource.indexOf("port.on('message', (message) => {");
  const end = handler < 0 ? -1 : workerMainSource.indexOf('\n});', handler);
  return end < 0 ? -1 : workerMainSource.slice(0, end + 1).split('\n').length - 1;
}

export const WORKER_MAIN = 'node:internal/main/worker_thread';
const WINDOW_PAUSES = 200;

/**
 * A window's state. It closes where the entry's own top-level code returns (after its top-level
 * awaits too): a breakpoint at the end of the entry's script, the return position of its module
 * body (or CommonJS wrapper). A body that cannot end there (its last statement throws) has none,
 * and V8 would move the breakpoint back to an earlier line: then there is no such end. A worker's
 * window also closes at the end of its start-up handler, where Node has run a CommonJS entry (an
 * ES module entry runs later: agent-entry-window.ts). Or after WINDOW_PAUSES pauses, so that a
 * program that lives in its top-level await does not pay a pause per caught exception for long.
 * (Node's own module job, where the window used to end, has no breakpoint positions on Node 24 and
 * later: its script is in Node's startup snapshot. docs/node-versions.md.)
 */
export class EntryWindowState {
  open = true;
  /** The breakpoint at the end of the entry's script. */
  entryEnd?: string;
  /** A worker's: the breakpoint at the end of its start-up handler. */
  startEnd?: string;
  private pauses = 0;
  /** The names V8 may give the entry's script. */
  private readonly entryNames: string[];

  constructor(entry: string) {
    let file = entry;
    try {
      file = realpathSync(entry);
    } catch {
      // Node reports the missing file itself.
    }
    this.entryNames = entry ? scriptNames(file) : [];
  }

  isEntry(url: string): boolean {
    return this.entryNames.includes(url);
  }

  /** The breakpoints where the window ends. */
  get ends(): string[] {
    return [this.entryEnd, this.startEnd].filter((id) => id !== undefined);
  }

  /**
   * What a pause means to the window: `end`, its own end, to let go; `over`, the window closes but
   * the pause is not only its own (another breakpoint at the same place, such as pmdb's first-line
   * stop in an entry with no statements, or its budget of caught exceptions spent); or nothing.
   */
  observe(paused: Protocol.Debugger.PausedEvent): 'end' | 'over' | undefined {
    if (!this.open) return undefined;
    const hit = paused.hitBreakpoints ?? [];
    const ends = this.ends;
    if (hit.some((id) => ends.includes(id))) return hit.every((id) => ends.includes(id)) ? 'end' : 'over';
    const exception = paused.reason === 'exception' || paused.reason === 'promiseRejection';
    const caught = exception && !(paused.data as { uncaught?: boolean } | undefined)?.uncaught;
    return caught && ++this.pauses > WINDOW_PAUSES ? 'over' : undefined;
  }

  /** The breakpoint at the end of the entry's script. */
  static doneBreakpoint({ scriptId, endLine, endColumn }: Protocol.Debugger.ScriptParsedEvent): Protocol.Debugger.SetBreakpointRequest {
    return { location: { scriptId, lineNumber: endLine, columnNumber: endColumn } };
  }

  /** Whether V8 set that breakpoint where it was asked: else it is not the entry's end. */
  static atEnd({ location }: Protocol.Debugger.SetBreakpointRequest, { actualLocation }: Protocol.Debugger.SetBreakpointResponse): boolean {
    return actualLocation.lineNumber === location.lineNumber && actualLocation.columnNumber === location.columnNumber;
  }

  /** Where a worker thread has run its entry; undefined if the source is not as expected. */
  static workerDoneBreakpoint(scriptId: string, source: string): Protocol.Debugger.SetBreakpointRequest | undefined {
    const lineNumber = workerEntryDoneLine(source);
    return lineNumber < 0 ? undefined : { location: { scriptId, lineNumber } };
  }
}
