// pdb's `return` and `until`: run at full speed until one frame reaches its return, or a later
// line. Stepping there could take millions of steps (a loop), so V8 gets breakpoints at the
// function's own break locations instead, and each pause is checked against the frame: a
// recursive call of the same function pauses deeper and goes on.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from '../target/agent-client.js';
import type { ScriptTable } from '../engine/scripts.js';

type CallFrame = Protocol.Debugger.CallFrame;

export class RunTo {
  private constructor(
    private readonly client: Channel,
    private readonly scripts: ScriptTable,
    private readonly breakpoints: string[],
    /** The frame's function, which identifies it at a pause, and its depth in the stack. */
    private readonly functionLocation: Protocol.Debugger.Location,
    private readonly depth: number,
    /** `until`: the original line to reach; `return`: none. */
    private readonly line: number | undefined,
  ) {}

  /**
   * Arms V8 for the frame with `callFrameId` in `paused`: its return positions, and for `until`
   * the first break location of every line from `line` on. Undefined when V8 cannot tell.
   */
  static async arm(
    client: Channel,
    scripts: ScriptTable,
    paused: Protocol.Debugger.PausedEvent,
    callFrameId: string,
    line: number | undefined,
  ): Promise<RunTo | undefined> {
    const index = paused.callFrames.findIndex((f) => f.callFrameId === callFrameId);
    const frame = paused.callFrames[index];
    if (!frame?.functionLocation) return undefined;
    // Top-level code (CommonJS's wrapper starts at 0:0) is no function V8 can restrict the search
    // to: it answers with the first nested one. The whole script then; pauses in nested
    // functions are passed by.
    const { lineNumber, columnNumber } = frame.functionLocation;
    const { locations } = await client.call<{ locations: Protocol.Debugger.BreakLocation[] }>(
      'Debugger.getPossibleBreakpoints',
      { start: frame.functionLocation, restrictToFunction: lineNumber !== 0 || columnNumber !== 0 },
    );
    const file = scripts.position(frame.location.scriptId, frame.location.lineNumber, frame.location.columnNumber ?? 0).file;
    const lines = new Set<number>();
    const wanted = locations.filter((l) => {
      // A compiler's module wrapper returns in its own code: the program runs on to its end.
      if (!scripts.isUserCode(l)) return false;
      if (l.type === 'return') return true;
      if (line === undefined) return false;
      const pos = scripts.position(l.scriptId, l.lineNumber, l.columnNumber ?? 0);
      if (pos.file !== file || pos.line < line || lines.has(pos.line)) return false;
      lines.add(pos.line);
      return true;
    });
    const ids: string[] = [];
    for (const location of wanted) {
      // A user breakpoint already there makes V8 refuse a second one; it stops there anyway.
      const r = await client.call<{ breakpointId: string }>('Debugger.setBreakpoint', { location }).catch(() => undefined);
      if (r) ids.push(r.breakpointId);
    }
    return new RunTo(client, scripts, ids, frame.functionLocation, paused.callFrames.length - index, line);
  }

  /**
   * 'arrived': the frame is there. 'passing': only our breakpoints stopped, in another call of
   * the function (a recursive one, deeper). 'elsewhere': something else stopped the program
   * (a breakpoint, an error), which ends the run as it would end pdb's.
   */
  onPause(paused: Protocol.Debugger.PausedEvent): 'arrived' | 'passing' | 'elsewhere' {
    const hit = paused.hitBreakpoints ?? [];
    const ours = hit.length > 0 && hit.every((id) => this.breakpoints.includes(id));
    const top = paused.callFrames[0];
    if (!top || !this.isOurs(top)) return ours ? 'passing' : 'elsewhere';
    // Shallower is ours too: an async function resumed by the event loop.
    const arrived = paused.callFrames.length <= this.depth && (top.returnValue !== undefined || this.reachedLine(top));
    if (arrived) return 'arrived';
    return ours ? 'passing' : 'elsewhere';
  }

  private reachedLine(frame: CallFrame): boolean {
    if (this.line === undefined) return false;
    return this.scripts.position(frame.location.scriptId, frame.location.lineNumber, frame.location.columnNumber ?? 0).line >= this.line;
  }

  private isOurs(frame: CallFrame): boolean {
    const a = frame.functionLocation;
    const b = this.functionLocation;
    return a !== undefined && a.scriptId === b.scriptId && a.lineNumber === b.lineNumber && a.columnNumber === b.columnNumber;
  }

  async disarm(): Promise<void> {
    for (const breakpointId of this.breakpoints) {
      await this.client.call('Debugger.removeBreakpoint', { breakpointId }).catch(() => {});
    }
  }
}
