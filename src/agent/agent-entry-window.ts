// The agent's own window for an ES module entry (entry-escape.cts): `pmdb run` with a front end,
// or an agent that pmdb/register started while the window was open (entry-window.cts hands it
// over). The agent's session pauses on caught exceptions, which its exception policy judges,
// until Node's module job has run the entry, or the budget of such pauses is spent.
import type { Protocol } from 'devtools-protocol';
import { forgetPrograms } from './entry-escape.cjs';
import { EntryWindowState } from './entry-window-state.cjs';

type Post = <T>(method: string, params?: object) => Promise<T>;

export class AgentEntryWindow {
  private readonly window = new EntryWindowState();

  constructor(private readonly post: Post) {}

  get state(): 'all' | 'uncaught' {
    return this.window.open ? 'all' : 'uncaught';
  }

  /** Node's module job script is there: its line where the entry has been run is watched. */
  async moduleJobParsed(scriptId: string): Promise<void> {
    if (!this.window.open || this.window.done) return;
    const { scriptSource } = await this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
    const breakpoint = EntryWindowState.doneBreakpoint(scriptId, scriptSource);
    if (!breakpoint) return this.close();
    this.window.done = (await this.post<{ breakpointId: string }>('Debugger.setBreakpoint', breakpoint)).breakpointId;
  }

  /** Every pause: true when it is the window's end, which the caller lets go. */
  async observe(paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
    const what = this.window.observe(paused);
    if (what) await this.close();
    return what === 'end';
  }

  private async close(): Promise<void> {
    if (!this.window.open) return;
    this.window.open = false;
    forgetPrograms();
    if (this.window.done) await this.post('Debugger.removeBreakpoint', { breakpointId: this.window.done }).catch(() => {});
    await this.post('Debugger.setPauseOnExceptions', { state: 'uncaught' }).catch(() => {});
  }
}
