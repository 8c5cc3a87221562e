// The agent's own window for an entry that Node runs inside a handler that catches everything
// (entry-escape.cts): an ES module entry under `pmdb run` with a front end, or one that
// pmdb/register started the agent in while the window was open (entry-window.cts hands it over);
// and every worker thread's entry, which Node runs inside the handler of the message that starts
// the worker. The session pauses on caught exceptions, which its exception policy judges, until
// Node has run the entry, or the budget of such pauses is spent.
import type { Protocol } from 'devtools-protocol';
import { fileURLToPath } from 'node:url';
import { forgetPrograms } from './entry-escape.cjs';
import { EntryWindowState, MODULE_JOB, WORKER_MAIN } from './entry-window-state.cjs';

const ENTRY_KIND = fileURLToPath(new URL('./entry-kind.cjs', import.meta.url));

type Post = <T>(method: string, params?: object) => Promise<T>;

export class AgentEntryWindow {
  private readonly window = new EntryWindowState();
  /** The scripts whose end of the entry is watched. */
  private readonly watched = new Set<string>();
  /** The breakpoint at the end of a worker's start-up handler. */
  private workerEnd?: string;

  constructor(
    private readonly post: Post,
    /** A worker thread: its start-up handler's end closes the window too. */
    private readonly worker = false,
  ) {}

  get state(): 'all' | 'uncaught' {
    return this.window.open ? 'all' : 'uncaught';
  }

  /** A script of the thread: Node's own where the entry has been run are watched. */
  async scriptParsed({ scriptId, url }: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    const end = url === MODULE_JOB ? EntryWindowState.doneBreakpoint : this.worker && url === WORKER_MAIN ? EntryWindowState.workerDoneBreakpoint : undefined;
    if (!end || !this.window.open || this.watched.has(url)) return;
    this.watched.add(url);
    const { scriptSource } = await this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
    const breakpoint = end(scriptId, scriptSource);
    if (!breakpoint) return this.close();
    const { breakpointId } = await this.post<{ breakpointId: string }>('Debugger.setBreakpoint', breakpoint);
    this.window.ends.push(breakpointId);
    if (url === WORKER_MAIN) this.workerEnd = breakpointId;
  }

  /** Every pause: true when it is the window's end, which the caller lets go. */
  async observe(paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
    if (this.workerEnd && paused.hitBreakpoints?.includes(this.workerEnd) && (await this.entryRunsAsModule())) {
      // Node's ES module loader evaluates the worker's entry later: its module job's end closes the window.
      await this.post('Debugger.removeBreakpoint', { breakpointId: this.workerEnd }).catch(() => {});
      this.workerEnd = undefined;
      return true;
    }
    const what = this.window.observe(paused);
    if (what) await this.close();
    return what === 'end';
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
    await this.post('Debugger.setPauseOnExceptions', { state: 'uncaught' }).catch(() => {});
  }
}
