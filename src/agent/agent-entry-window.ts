// The agent's own window for an ES module entry (entry-escape.cts): `pmdb run` with a front end,
// or an agent that pmdb/register started while the window was open (entry-window.cts hands it
// over). The agent's session pauses on caught exceptions, which its exception policy judges,
// until Node's module job has run the entry (a breakpoint there), or WINDOW_PAUSES of them.
import type { Protocol } from 'devtools-protocol';
import { ENTRY_DONE_CONDITION, WINDOW_PAUSES, entryDoneLine, forgetPrograms } from './entry-escape.cjs';

type Post = <T>(method: string, params?: object) => Promise<T>;

export class AgentEntryWindow {
  private open = true;
  private pauses = 0;
  private done?: string;

  constructor(private readonly post: Post) {}

  get state(): 'all' | 'uncaught' {
    return this.open ? 'all' : 'uncaught';
  }

  /** Node's module job script is there: its line where the entry has been run is watched. */
  async moduleJobParsed(scriptId: string): Promise<void> {
    if (!this.open || this.done) return;
    const { scriptSource } = await this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
    const lineNumber = entryDoneLine(scriptSource);
    if (lineNumber < 0) return this.close();
    const { breakpointId } = await this.post<{ breakpointId: string }>('Debugger.setBreakpoint', {
      location: { scriptId, lineNumber },
      condition: ENTRY_DONE_CONDITION,
    });
    this.done = breakpointId;
  }

  /** Every pause: true when it is the window's end, which the caller lets go. */
  async observe(paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
    if (!this.open) return false;
    if (this.done && paused.hitBreakpoints?.includes(this.done)) {
      await this.close();
      return true;
    }
    const caught = (paused.reason === 'exception' || paused.reason === 'promiseRejection') && !(paused.data as { uncaught?: boolean } | undefined)?.uncaught;
    if (caught && ++this.pauses > WINDOW_PAUSES) await this.close();
    return false;
  }

  private async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    forgetPrograms();
    if (this.done) await this.post('Debugger.removeBreakpoint', { breakpointId: this.done }).catch(() => {});
    await this.post('Debugger.setPauseOnExceptions', { state: 'uncaught' }).catch(() => {});
  }
}
