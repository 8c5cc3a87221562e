// Bringing a freshly started program to its first line, as pdb does: the first statement the
// entry module executes (see engine/first-statement.ts), in the user's own file, before any of
// it ran. CommonJS entries stop just before compilation (the agent's compile hook) with their
// code in hand; ES modules stop at their first generated statement (a breakpoint at 0:0, which
// pmdb's module wrapper makes the wrapper call) and move on from there.
import type { Channel } from '../target/agent-client.js';
import type { ScriptTable } from '../engine/scripts.js';
import { ScriptMap } from '../engine/source-maps.js';
import { firstStatement, type GeneratedPosition } from '../engine/first-statement.js';
import type { Happening } from './event-queue.js';

type Stopped = Extract<Happening, { type: 'stopped' }>;

export class FirstLine {
  private urlBreakpoint?: string;
  private firstStatementBreakpoint?: string;
  private readonly urlRegex: string;

  constructor(
    private readonly client: Channel,
    private readonly scripts: ScriptTable,
    /** The entry script's real path. */
    private readonly entry: string,
  ) {
    this.urlRegex = `^(file://)?${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  }

  async arm(): Promise<void> {
    const r = await this.client.call('Debugger.setBreakpointByUrl', { urlRegex: this.urlRegex, lineNumber: 0, columnNumber: 0 });
    this.urlBreakpoint = r.breakpointId;
  }

  /**
   * 'moving': the program was resumed toward its first line; 'there': this stop is it (or ends
   * the search). The breakpoints stay until `disarm` at the next stop: removing the breakpoint
   * V8 is paused at makes its next stepOver run to the end of the function (measured, Node 20).
   */
  async onStop(stop: Stopped): Promise<'moving' | 'there'> {
    const hit = stop.paused.hitBreakpoints ?? [];
    if (stop.kind === 'entry') return this.fromCompileHook(stop);
    if (this.urlBreakpoint && hit.includes(this.urlBreakpoint)) return this.fromFirstGenerated(stop);
    return 'there';
  }

  private async fromCompileHook(stop: Stopped): Promise<'moving'> {
    // Frame 0 is the agent's stopHere; frame 1 its compile hook, with the code as `content`.
    const hook = stop.paused.callFrames[1]!;
    const r = await this.client.call('Debugger.evaluateOnCallFrame', {
      callFrameId: hook.callFrameId,
      expression: 'content',
      returnByValue: true,
      silent: true,
    });
    const content = typeof r.result?.value === 'string' ? (r.result.value as string) : '';
    const mapUrl = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(content)?.[1];
    const map = ScriptMap.load(this.entry, mapUrl);
    const at = firstStatement(content, 'script', (p) => this.isEntry(map, p));
    if (at) {
      await this.removeUrlBreakpoint();
      const set = await this.client.call('Debugger.setBreakpointByUrl', {
        urlRegex: this.urlRegex,
        lineNumber: at.line0,
        columnNumber: at.column0,
      });
      this.firstStatementBreakpoint = set.breakpointId;
    }
    await this.client.call('Debugger.resume');
    return 'moving';
  }

  private async fromFirstGenerated(stop: Stopped): Promise<'moving' | 'there'> {
    const here = stop.paused.callFrames[0]!.location;
    const source = await this.scripts.generatedSource(here.scriptId);
    const map = this.scripts.get(here.scriptId)?.map;
    const isEntry = (p: GeneratedPosition) => this.isEntry(map, p);
    const at = source && (firstStatement(source, 'module', isEntry) ?? firstStatement(source, 'script', isEntry));
    if (!at || at.line0 < here.lineNumber || (at.line0 === here.lineNumber && at.column0 <= (here.columnNumber ?? 0))) {
      return 'there';
    }
    await this.removeUrlBreakpoint();
    const set = await this.client.call('Debugger.setBreakpoint', {
      location: { scriptId: here.scriptId, lineNumber: at.line0, columnNumber: at.column0 },
    });
    this.firstStatementBreakpoint = set.breakpointId;
    await this.client.call('Debugger.resume');
    return 'moving';
  }

  private isEntry(map: ScriptMap | undefined, p: GeneratedPosition): boolean {
    return !map || map.original(p.line0, p.column0)?.file === this.entry;
  }

  private async removeUrlBreakpoint(): Promise<void> {
    if (!this.urlBreakpoint) return;
    await this.client.call('Debugger.removeBreakpoint', { breakpointId: this.urlBreakpoint }).catch(() => {});
    this.urlBreakpoint = undefined;
  }

  /** Removes what is left of the search; call at the first stop after the first line. */
  async disarm(): Promise<void> {
    await this.removeUrlBreakpoint();
    if (!this.firstStatementBreakpoint) return;
    await this.client.call('Debugger.removeBreakpoint', { breakpointId: this.firstStatementBreakpoint }).catch(() => {});
    this.firstStatementBreakpoint = undefined;
  }
}
