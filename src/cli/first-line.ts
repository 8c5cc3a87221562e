// Bringing a freshly started program to its first line, as pdb does: the first statement the
// entry module executes (see engine/first-statement.ts), in the user's own file, before any of
// it ran. A plain JavaScript entry runs as written: its first statement is found in the file and
// gets the breakpoint before the program starts. A compiled entry (TypeScript through tsx) starts with
// compiler code at 0:0, which is top-level code: stop there, find the user's first statement in the generated code, and move on to it.
import { readFileSync } from 'node:fs';
import type { Channel } from '../target/agent-client.js';
import type { ScriptTable } from '../engine/scripts.js';
import { urlRegexFor, type ScriptMap } from '../engine/source-maps.js';
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
    this.urlRegex = urlRegexFor(entry);
  }

  /** `compiled`: the entry is TypeScript, not run as written. */
  async arm(compiled: boolean): Promise<void> {
    const at = compiled ? undefined : this.firstStatementInFile();
    const r = await this.client.call('Debugger.setBreakpointByUrl', {
      urlRegex: this.urlRegex,
      lineNumber: at?.line0 ?? 0,
      columnNumber: at?.column0 ?? 0,
    });
    if (at) this.firstStatementBreakpoint = r.breakpointId;
    else this.urlBreakpoint = r.breakpointId;
  }

  private firstStatementInFile(): GeneratedPosition | undefined {
    const text = this.entryText();
    return text === undefined ? undefined : firstStatement(text, 'module', () => true) ?? firstStatement(text, 'script', () => true);
  }

  private entryText(): string | undefined {
    try {
      return readFileSync(this.entry, 'utf8');
    } catch {
      return undefined;
    }
  }

  /**
   * 'moving': the program was resumed toward its first line; 'there': this stop is it (or ends
   * the search). The breakpoints stay until `disarm` at the next stop: removing the breakpoint
   * V8 is paused at makes its next stepOver run to the end of the function (measured, Node 20).
   */
  async onStop(stop: Stopped): Promise<'moving' | 'there'> {
    const hit = stop.paused.hitBreakpoints ?? [];
    if (this.urlBreakpoint && hit.includes(this.urlBreakpoint)) return this.fromFirstGenerated(stop);
    return 'there';
  }

  private async fromFirstGenerated(stop: Stopped): Promise<'moving' | 'there'> {
    const here = stop.paused.callFrames[0]!.location;
    await this.scripts.load([here.scriptId]);
    const source = await this.scripts.generatedSource(here.scriptId);
    const map = this.scripts.get(here.scriptId)?.map;
    const isEntry = (p: GeneratedPosition) => this.isEntry(map, p);
    const original = map && this.entryText();
    const at = source && (firstStatement(source, 'module', isEntry, original) ?? firstStatement(source, 'script', isEntry, original));
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
    return !map || map.mappedAt(p.line0, p.column0)?.file === this.entry;
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
