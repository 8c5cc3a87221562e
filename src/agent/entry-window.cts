// pmdb/register and an ES module entry (entry-escape.cts): this thread's own session pauses on
// caught exceptions while Node evaluates the entry, and decides at each, here and at once, whether
// the error escapes: only then is the agent started. The window closes where the entry's
// top-level code returns, or after a budget of such pauses (entry-window-state.cts); or passes to
// the agent when one starts (agent-entry-window.ts), since a session pauses only on the exceptions
// it asked for.
import type { Session } from 'node:inspector';
import type { SyncPost } from './own-session.cjs';
import type { Protocol } from 'devtools-protocol';
import { escapeQuestion, escapesEntry, forgetPrograms, stackRequest, type KnownScripts, type PausedStack } from './entry-escape.cjs';
import { EntryWindowState } from './entry-window-state.cjs';

export class EntryWindow {
  private readonly window = new EntryWindowState(process.argv[1] ?? '');
  /** The program's scripts by id and by URL, while the window is open: sources are asked for by id. */
  private readonly urls = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly sources = new Map<string, string>();
  private readonly parsed = ({ params }: { params: Protocol.Debugger.ScriptParsedEvent }) => {
    this.urls.set(params.scriptId, params.url);
    this.ids.set(params.url, params.scriptId);
    if (this.window.isEntry(params.url)) this.watchEntryDone(params);
  };

  /** Call before the session's Debugger.enable, which reports the scripts already there. */
  constructor(
    private readonly session: Session,
    private readonly post: SyncPost,
    /** What the session goes back to when the window closes. */
    private readonly closed: () => void,
  ) {
    session.on('Debugger.scriptParsed', this.parsed);
  }

  /** The pause-on-exceptions state for the session while the window is open. */
  readonly state = 'all';

  /**
   * Every pause of the thread: the one at the end of the entry's evaluation closes the window
   * (true: it was the window's own, to let go), and so does the budget of caught exceptions.
   */
  observe(paused: Protocol.Debugger.PausedEvent): boolean {
    const what = this.window.observe(paused);
    if (what) this.close();
    return what === 'end';
  }

  /** At a pause for a caught exception: whether it escapes the entry (and will end the process). */
  escapes(paused: Protocol.Debugger.PausedEvent): boolean {
    if (!this.window.open || !paused.callFrames[0]) return false;
    try {
      const { result } = this.post<{ result: { value?: PausedStack } }>('Debugger.evaluateOnCallFrame', stackRequest(paused));
      return result.value !== undefined && escapesEntry(escapeQuestion(paused, result.value, this.scripts)) === 'escapes';
    } catch {
      return false;
    }
  }

  private readonly scripts: KnownScripts = {
    url: (id) => this.urls.get(id),
    id: (url) => this.ids.get(url),
    // Kept: the same text each time is known at once by entry-escape's parse cache.
    source: (id) => {
      let text = this.sources.get(id);
      if (text === undefined) this.sources.set(id, (text = this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: id }).scriptSource));
      return text;
    },
  };

  /** An agent starts: it keeps the window from now on if it is still open. */
  handOver(): boolean {
    const open = this.window.open;
    this.close();
    return open;
  }

  /** From inside the event: a body that runs at once would be over before a microtask. */
  private watchEntryDone(script: Protocol.Debugger.ScriptParsedEvent): void {
    if (!this.window.open || this.window.entryEnd) return;
    try {
      const request = EntryWindowState.doneBreakpoint(script);
      const set = this.post<Protocol.Debugger.SetBreakpointResponse>('Debugger.setBreakpoint', request);
      if (EntryWindowState.atEnd(request, set)) this.window.entryEnd = set.breakpointId;
      else this.post('Debugger.removeBreakpoint', { breakpointId: set.breakpointId });
    } catch {
      // No end: the budget closes the window.
    }
  }

  private close(): void {
    if (!this.window.open) return;
    this.window.open = false;
    this.session.off('Debugger.scriptParsed', this.parsed);
    this.urls.clear();
    this.ids.clear();
    this.sources.clear();
    forgetPrograms();
    try {
      for (const breakpointId of this.window.ends) this.post('Debugger.removeBreakpoint', { breakpointId });
      this.closed();
    } catch {
      // The session is gone with the process.
    }
  }
}
