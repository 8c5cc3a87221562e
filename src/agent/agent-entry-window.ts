// The agent's own window for an ES module entry (entry-escape.cts): `pmdb run` with a front end,
// or an agent that pmdb/register started while the window was open (entry-window.cts hands it
// over). The agent's session pauses on caught exceptions, which its exception policy judges,
// until the entry's top-level code returns, or the budget of such pauses is spent.
import type { Protocol } from 'devtools-protocol';
import { forgetPrograms } from './entry-escape.cjs';
import { EntryWindowState } from './entry-window-state.cjs';

type Post = <T>(method: string, params?: object) => Promise<T>;

export class AgentEntryWindow {
  private readonly window: EntryWindowState;
  /** The front end's last command was a step: a pause at the window's end is then that step's. */
  private stepping = false;

  constructor(
    private readonly post: Post,
    entry: string,
  ) {
    this.window = new EntryWindowState(entry);
  }

  get state(): 'all' | 'uncaught' {
    return this.window.open ? 'all' : 'uncaught';
  }

  /** A script is there: the entry's end is watched (entry-window-state.cts). */
  async scriptParsed(script: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    if (!this.window.open || this.window.done || !this.window.isEntry(script.url)) return;
    const request = EntryWindowState.doneBreakpoint(script);
    const set = await this.post<Protocol.Debugger.SetBreakpointResponse>('Debugger.setBreakpoint', request);
    if (EntryWindowState.atEnd(request, set)) this.window.done = set.breakpointId;
    else await this.post('Debugger.removeBreakpoint', { breakpointId: set.breakpointId });
  }

  /** A command of the front end's for this thread. */
  command(method: string): void {
    if (method.startsWith('Debugger.step')) this.stepping = true;
    else if (method === 'Debugger.resume') this.stepping = false;
  }

  /**
   * Every pause: true when it is the window's end, which the caller lets go; unless a step of the
   * user's stops there too (the module's `--Return--`).
   */
  async observe(paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
    const what = this.window.observe(paused);
    if (what) await this.close();
    return what === 'end' && !this.stepping;
  }

  private async close(): Promise<void> {
    if (!this.window.open) return;
    this.window.open = false;
    forgetPrograms();
    if (this.window.done) await this.post('Debugger.removeBreakpoint', { breakpointId: this.window.done }).catch(() => {});
    await this.post('Debugger.setPauseOnExceptions', { state: 'uncaught' }).catch(() => {});
  }
}
