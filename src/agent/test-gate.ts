// `pmdb test`: a thread pauses on caught exceptions only once it has loaded a test runner's code
// (runner-catches.ts's RUNNER_FILES). Before, no test can have run, so no caught exception can be
// a failing test's; yet each one would pause: Node's own module resolver throws and catches one
// per bare import on Node 20 (`new URL(specifier)`), and V8 pauses on those whatever the blackbox
// patterns (Node's own scripts cannot be blackboxed: docs/node-versions.md). A vitest
// run's main process, which runs no test at all, paid ~230 such pauses (docs/benchmarks.md).
// The gate opens at the first of:
// - a breakpoint on the first line of a runner file, set by URL before the thread runs: V8 puts it
//   on the first breakable position, in the file's top-level code for node:test (Node's
//   test_runner/test, Node 20 to 26), mocha 12, jest 30 and vitest 5, so it pauses when the file
//   is loaded, before a test can run (node:test runs a test's function inside `test()`, right
//   after `require('node:test')`);
// - the agent seeing a runner file parsed (vitest 4's first breakable position is inside a class
//   field's initializer, which may never run): it asks for every exception at once, while the
//   runner loads the rest of its modules and the test files, long before a test runs.
// A runner file loaded already opens it at once.
import type { Protocol } from 'devtools-protocol';
import { RUNNER_FILES } from './runner-catches.js';
import type { Post } from './debuggee.js';

export class TestGate {
  /** Every breakpoint the gate set: one may still be hit while the gate opens (removed, or not yet). */
  private readonly breakpoints: string[] = [];
  opened = false;

  constructor(
    private readonly post: Post,
    /** Called once, when the gate opens: the thread is to pause on caught exceptions from now on. */
    private readonly onOpen: () => Promise<void>,
  ) {}

  /** Before the thread runs: a breakpoint on each runner file; open now if one is loaded already. */
  async arm(): Promise<void> {
    let loaded = false;
    for (const file of RUNNER_FILES) {
      const { breakpointId, locations } = await this.post<Protocol.Debugger.SetBreakpointByUrlResponse>('Debugger.setBreakpointByUrl', {
        urlRegex: file.source,
        lineNumber: 0,
      });
      this.breakpoints.push(breakpointId);
      loaded ||= locations.length > 0;
    }
    if (loaded) await this.open();
  }

  /** A script of the thread: a runner's file opens the gate. */
  async scriptParsed({ url }: Protocol.Debugger.ScriptParsedEvent): Promise<void> {
    if (!this.opened && RUNNER_FILES.some((file) => file.test(url))) await this.open();
  }

  /** At a pause: true when it was the gate's alone (it opened, the thread goes on). */
  async paused(paused: Protocol.Debugger.PausedEvent): Promise<boolean> {
    const hit = paused.hitBreakpoints ?? [];
    if (!hit.some((id) => this.breakpoints.includes(id))) return false;
    await this.open();
    // Another breakpoint at the same place (the user's, --trace's) makes it a pause of theirs too.
    if (!hit.every((id) => this.breakpoints.includes(id))) return false;
    await this.post('Debugger.resume');
    return true;
  }

  private async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    await Promise.all(this.breakpoints.map((breakpointId) => this.post('Debugger.removeBreakpoint', { breakpointId }).catch(() => {})));
    await this.onOpen();
  }
}
