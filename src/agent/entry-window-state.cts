// The window in which caught exceptions pause while Node evaluates an ES module entry
// (entry-escape.cts), whoever keeps it: pmdb/register's own session (entry-window.cts) or the
// agent (agent-entry-window.ts).
import type { Protocol } from 'devtools-protocol';
import { realpathSync } from 'node:fs';
import { scriptNames } from '../util/file-url.cjs';

const WINDOW_PAUSES = 200;

/**
 * A window's state. It closes where the entry's own top-level code returns (after its top-level
 * awaits too): a breakpoint at the end of the entry's script, the return position of its module
 * body (or CommonJS wrapper). A body that cannot end there (its last statement throws) has none,
 * and V8 would move the breakpoint back to an earlier line: then there is no end. Or after WINDOW_PAUSES pauses, so that a program
 * that lives in its top-level await does not pay a pause per caught exception for long. (Node's
 * own module job, where the window used to end, has no breakpoint positions on Node 24 and later:
 * its script is in Node's startup snapshot. docs/node-versions.md.)
 */
export class EntryWindowState {
  open = true;
  /** The breakpoint at the entry's end. */
  done?: string;
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

  /**
   * What a pause means to the window: `end`, its own end, to let go; `over`, the window closes but
   * the pause is not only its own (another breakpoint at the same place, such as pmdb's first-line
   * stop in an entry with no statements, or its budget of caught exceptions spent); or nothing.
   */
  observe(paused: Protocol.Debugger.PausedEvent): 'end' | 'over' | undefined {
    if (!this.open) return undefined;
    const hit = paused.hitBreakpoints ?? [];
    if (this.done && hit.includes(this.done)) return hit.length === 1 ? 'end' : 'over';
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
}
