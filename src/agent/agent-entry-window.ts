// The agent's own window for an entry that Node runs inside a handler that catches everything
// (entry-escape.cts): an ES module entry under `pmdb run` with a front end, or one that
// pmdb/register started the agent in while the window was open (entry-window.cts hands it over);
// and every worker thread's entry, which Node runs inside the handler of the message that starts
// the worker. The session pauses on caught exceptions, which its exception policy judges, until
// the entry's top-level code returns (a worker's CommonJS entry: its start-up handler), or the
// budget of such pauses is spent.
import type { Protocol } from 'devtools-protocol';
import { fileURLToPath } from 'node:url';
import { forgetPrograms } from './entry-escape.cjs';
import { EntryWindowState, WORKER_MAIN } from './entry-window-state.cjs';

const ENTRY_KIND = fileURLToPath(new URL('./entry-kind.cjs', import.meta.url));

type Post = <T>(method: string, params?: object) => Promise<T>;

export class AgentEntryWindow {
  private readonly window: EntryWindowState;
  /** The front end's last command was a step: a pause at the entry's end is then that step's. */
  private stepping = false;
  /** The entry has run to its end: nothing it throws can escape it any more. */
  entryDone = false;

  constructor(
    private readonly post: Post,
    entry: string,
    /** A worker thread: its start-up handler's end closes the window too. */
    private readonly worker = false,
    /** What the thread pauses on once the window closes (`--stop-on escaped`: every exception). */
    private readonly after: () => 'all' | 'uncaught' = () => 'uncaught',
  ) {
    this.window = new EntryWindowState(entry);
  }

  get state(): 'all' | 'uncaught' {
    return this.window.open ? 'all' : this.after();
  }

  get open(): boolean {
    return this.window.open;
  }

  /** A script of the thread: the entry's end is watched, and a worker's start-up handler's. */
  async scriptParsed(script: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    if (!this.window.open) return;
    if (this.window.isEntry(script.url)) await this.watchEntryEnd(script);
    else if (this.worker && script.url === WORKER_MAIN) await this.watchStartEnd(script);
  }

  private async watchEntryEnd(script: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    if (this.window.entryEnd) return;
    const request = EntryWindowState.doneBreakpoint(script);
    const set = await this.post<Protocol.Debugger.SetBreakpointResponse>('Debugger.setBreakpoint', request);
    if (EntryWindowState.atEnd(request, set)) this.window.entryEnd = set.breakpointId;
    else await this.post('Debugger.removeBreakpoint', { breakpointId: set.breakpointId });
  }

  private async watchStartEnd({ scriptId }: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    if (this.window.startEnd) return;
    const { scriptSource } = await this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
    const breakpoint = EntryWindowState.workerDoneBreakpoint(scriptId, scriptSource);
    if (breakpoint) this.window.startEnd = (await this.post<Protocol.Debugger.SetBreakpointResponse>('Debugger.setBreakpoint', breakpoint)).breakpointId;
  }

  /** A command of the front end's for this thread. */
  command(method: string): void {
    if (method.startsWith('Debugger.step')) this.stepping = true;
    else if (method === 'Debugger.resume') this.stepping = false;
  }

  /**
   * Every pause: true when it is the window's end, which the caller lets go; unless a step of the
   * user's stops at the entry's end too (the module's `--Return--`).
   */
  async observe(paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
    const hit = paused.hitBreakpoints ?? [];
    const { startEnd, entryEnd } = this.window;
    if (startEnd && hit.includes(startEnd) && (await this.entryRunsAsModule())) {
      // Node's ES module loader evaluates the worker's entry later: the entry's own end closes the window.
      await this.post('Debugger.removeBreakpoint', { breakpointId: startEnd }).catch(() => {});
      this.window.startEnd = undefined;
      return true;
    }
    const what = this.window.observe(paused);
    if (what && this.window.ends.some((id) => hit.includes(id))) this.entryDone = true;
    if (what) await this.close();
    return what === 'end' && !(this.stepping && entryEnd !== undefined && hit.includes(entryEnd));
  }

  private async entryRunsAsModule(): Promise<boolean> {
    const { result } = await this.post<{ result: { value?: unknown } }>('Runtime.evaluate', {
      expression: `require(${JSON.stringify(ENTRY_KIND)}).entryRunsAsModule()`,
      includeCommandLineAPI: true,
      returnByValue: true,
      silent: true,
    });
    return result.value === true;
  }

  private async close(): Promise<void> {
    if (!this.window.open) return;
    this.window.open = false;
    forgetPrograms();
    for (const breakpointId of this.window.ends) await this.post('Debugger.removeBreakpoint', { breakpointId }).catch(() => {});
    await this.post('Debugger.setPauseOnExceptions', { state: this.after() }).catch(() => {});
  }
}
