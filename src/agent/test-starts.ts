// `pmdb test --trace`: a stop at the start of each test, in the test function's first line
// (pytest's --trace). When a runner's file is parsed, a conditional breakpoint goes on its test
// call (runner-catches.ts's TEST_STARTS: only a test's call pauses, not a hook's); there a
// breakpoint goes on the call of the test's function itself (V8's setBreakpointOnFunctionCall)
// and the thread runs on into it. Stepping into the call instead was measured to walk through
// Node's async_hooks line by line on Node 26 (blackboxed or not): 20 steps did not reach the test.
// Should the function be a package's (a wrapper), steps go on into the user's code.
// Nothing is set when not tracing, nor in other files.
import type { Protocol } from 'devtools-protocol';
import { TEST_STARTS, type TestStart } from './runner-catches.js';
import { currentTest } from './current-test.js';
import { libraryOf } from './blackbox.cjs';
import { urlToFile } from '../util/file-url.cjs';
import type { Post, ThreadScripts } from './debuggee.js';

/** Steps through library code before giving up on reaching the test's own code (a test function of a package). */
const MAX_STEPS = 20;

const TRACE_GROUP = 'pmdb-trace';

/** What a pause is to the tracer: a test's start to show (its name, when the runner tells), or one it handled itself. */
export type TracePause = { started: { name?: string } } | 'handled' | undefined;

export class TestStarts {
  /** The breakpoints on test calls, and whose calls they are. */
  private readonly breakpoints = new Map<string, TestStart>();
  /** Steps taken from a test function's entry towards the user's code; undefined when not stepping. */
  private steps?: number;
  /** The breakpoint on the call of the test function about to run. */
  private entry?: string;
  private disarmed = false;

  constructor(
    private readonly post: Post,
    private readonly scripts: ThreadScripts,
  ) {}

  async scriptParsed({ scriptId, url }: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    const file = urlToFile(url);
    const start = TEST_STARTS.find((s) => s.file.test(file));
    if (!start || this.disarmed) return;
    const { scriptSource } = await this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
    const lines = scriptSource.split('\n');
    for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
      const column = lines[lineNumber]!.search(start.line);
      if (column < 0) continue;
      const { breakpointId } = await this.post<{ breakpointId: string }>('Debugger.setBreakpoint', {
        location: { scriptId, lineNumber, columnNumber: column },
        condition: start.condition,
      });
      this.breakpoints.set(breakpointId, start);
    }
  }

  /** At a pause: at a test call, run on into the test's function; there, say that the test starts (or step on to the user's code). */
  async paused(paused: Protocol.Debugger.PausedEvent): Promise<TracePause> {
    const hit = paused.hitBreakpoints ?? [];
    const start = hit.map((id) => this.breakpoints.get(id)).find((s) => s !== undefined);
    const top = paused.callFrames[0];
    if (start && top) {
      await this.atCall(start, top);
      await this.post('Debugger.resume');
      return 'handled';
    }
    const atEntry = this.entry !== undefined && hit.includes(this.entry);
    if (atEntry) {
      await this.post('Debugger.removeBreakpoint', { breakpointId: this.entry }).catch(() => {});
      this.entry = undefined;
      this.steps = 0;
    } else if (this.steps === undefined) return undefined;
    else if (paused.reason !== 'other' && paused.reason !== 'step') {
      // Something else stopped the thread on the way (an exception): the step is over.
      this.steps = undefined;
      return undefined;
    }
    const url = top ? (this.scripts.get(top.location.scriptId)?.url ?? '') : '';
    if (top && url !== '' && libraryOf(urlToFile(url)) === undefined) {
      this.steps = undefined;
      return { started: { name: (await currentTest({ post: this.post, scripts: this.scripts }, top))?.name } };
    }
    if (this.disarmed || this.steps! >= MAX_STEPS) {
      this.steps = undefined;
      await this.post('Debugger.resume');
      return 'handled';
    }
    this.steps!++;
    await this.post('Debugger.stepInto');
    return 'handled';
  }

  /** At a test's call: a breakpoint on its function's call. */
  private async atCall(start: TestStart, frame: Protocol.Debugger.CallFrame): Promise<void> {
    if (this.disarmed) return;
    if (this.entry) await this.post('Debugger.removeBreakpoint', { breakpointId: this.entry }).catch(() => {});
    this.entry = undefined;
    const { result } = await this.post<{ result: Protocol.Runtime.RemoteObject }>('Debugger.evaluateOnCallFrame', {
      callFrameId: frame.callFrameId,
      expression: start.fn,
      objectGroup: TRACE_GROUP,
      silent: true,
    });
    if (result.type === 'function' && result.objectId) {
      this.entry = (await this.post<{ breakpointId: string }>('Debugger.setBreakpointOnFunctionCall', { objectId: result.objectId })).breakpointId;
    }
    await this.post('Runtime.releaseObjectGroup', { objectGroup: TRACE_GROUP });
  }

  /** `q`: no more test starts. */
  async disarm(): Promise<void> {
    this.disarmed = true;
    const ids = [...this.breakpoints.keys(), ...(this.entry ? [this.entry] : [])];
    this.entry = undefined;
    this.breakpoints.clear();
    await Promise.all(ids.map((breakpointId) => this.post('Debugger.removeBreakpoint', { breakpointId }).catch(() => {})));
  }

}
