// Binds the store's breakpoints to V8 for one run of the program, and tells the session which
// of them a pause is. Commands only change the store; `sync` before the program runs or resumes
// makes V8 agree with it (set, removed, re-set with a new condition).
//
// A plain JavaScript file runs as written: its breakpoints are set by URL before it loads. A
// compiled file (TypeScript, pmdb's ES module wrapper) has its lines only in a source map that
// exists once it is compiled: a "load breakpoint" on its line 0 stops the program as it starts
// running the file, the breakpoints are bound through the map, and the program goes on.
//
// A condition is compiled into the program's code where it can be (compiled-conditions.ts):
// V8's own condition costs a pause per hit. A file not loaded yet gets a load breakpoint for
// that too, so the condition is written in before any of its code runs.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from '../target/agent-client.js';
import { isCompiled } from '../target/loaders.js';
import type { ScriptTable } from './scripts.js';
import { urlRegexFor } from './source-maps.js';
import type { Breakpoint, BreakpointStore } from './breakpoints.js';
import { CompiledConditions } from './compiled-conditions.js';
import { conditionInCode } from './condition-names.js';
import { traceNote } from '../util/debug-log.js';

/** What a pause means for the breakpoints. */
export type BreakpointPause =
  /** Not one of ours (a step, the first line, `debugger`). */
  | { kind: 'other' }
  /** Only load breakpoints: the file's breakpoints are bound; resume without a word. */
  | { kind: 'loaded' }
  /** Ours, but none is in effect (ignore counts): go on as if it had not stopped. */
  | { kind: 'passed' }
  | { kind: 'hit'; bp: Breakpoint };

interface Bound {
  /** What V8 has: the condition it was set with. */
  key: string;
  /** Undefined while the file is not loaded, or when its line has no code in this run. */
  id?: string;
  /** The condition is compiled into the file's code (no V8 breakpoint). */
  compiled?: boolean;
}

/** pdb treats an error in the condition as true: the breakpoint stops. */
function conditionFor(condition: string | undefined): string | undefined {
  return condition ? `try { !!(${condition}\n) } catch { true }` : undefined;
}

export class BreakpointBinder {
  private readonly bound = new Map<number, Bound>();
  /** V8 breakpoint id → our number. */
  private readonly owners = new Map<string, number>();
  /** V8 id of a load breakpoint → its file. */
  private readonly loads = new Map<string, string>();
  private readonly conditions: CompiledConditions;
  /** Paused where no code of the top frame has run yet: an edit may restart that frame. */
  private fresh?: Protocol.Debugger.CallFrame;

  constructor(
    private readonly client: Channel,
    private readonly scripts: ScriptTable,
    private readonly store: BreakpointStore,
  ) {
    this.conditions = new CompiledConditions(client, scripts, (scriptId) => this.setAgainIn(scriptId));
  }

  /**
   * `fresh`: the program is paused before any code of its top frame has run (the first-line
   * stop), so a condition compiled into that very frame may restart it.
   */
  async sync(fresh?: Protocol.Debugger.CallFrame): Promise<void> {
    this.fresh = fresh;
    try {
      await this.syncAll();
    } finally {
      this.fresh = undefined;
    }
  }

  private async syncAll(): Promise<void> {
    const wanted = new Set<number>();
    for (const bp of this.store.all()) {
      if (!bp.enabled) continue;
      wanted.add(bp.number);
      const key = bp.condition ?? '';
      if (this.bound.get(bp.number)?.key === key) continue;
      await this.unbind(bp.number);
      await this.bind(bp, key);
    }
    for (const number of [...this.bound.keys()]) if (!wanted.has(number)) await this.unbind(number);
  }

  /**
   * Where the program is paused now, when binding restarted its top frame (see
   * compiled-conditions.ts): the call frames of the pause it was at are gone.
   */
  takeRepaused(): Protocol.Debugger.PausedEvent | undefined {
    return this.conditions.takeRepaused();
  }

  /** `count`: false at the first-line stop, which pdb reaches without checking breakpoints. */
  async onPause(paused: Protocol.Debugger.PausedEvent, count: boolean): Promise<BreakpointPause> {
    const compiled = this.conditions.onPause(paused);
    if (compiled !== undefined) return this.compiledHit(compiled, count);
    const hit = paused.hitBreakpoints ?? [];
    const loads = hit.filter((id) => this.loads.has(id));
    const onlyOurs = hit.length > 0 && hit.every((id) => this.owners.has(id) || this.loads.has(id));
    this.fresh = paused.callFrames[0];
    try {
      for (const id of loads) await this.loaded(id);
    } finally {
      this.fresh = undefined;
    }
    const numbers = new Set(hit.map((id) => this.owners.get(id)));
    const ours = this.store.all().filter((bp) => numbers.has(bp.number));
    if (ours.length === 0 || !count) return onlyOurs && loads.length === hit.length ? { kind: 'loaded' } : { kind: 'other' };
    // As pdb's `effective`: the first breakpoint in effect stops; each one checked counts a hit.
    for (const bp of ours) if (this.store.crossed(bp)) return { kind: 'hit', bp };
    return onlyOurs ? { kind: 'passed' } : { kind: 'other' };
  }

  /** A compiled condition was true; its breakpoint may have changed since (the snippet is stale). */
  private compiledHit(number: number, count: boolean): BreakpointPause {
    const bp = this.store.all().find((b) => b.number === number);
    const bound = this.bound.get(number);
    const live = bp && bp.enabled && bound?.compiled && bound.key === (bp.condition ?? '');
    if (!live || !count) return { kind: 'passed' };
    return this.store.crossed(bp) ? { kind: 'hit', bp } : { kind: 'passed' };
  }

  private async bind(bp: Breakpoint, key: string): Promise<void> {
    const where = await this.generatedPosition(bp);
    if (!where) {
      // No code at that line in this run.
      this.bound.set(bp.number, { key });
      return;
    }
    // A file not loaded yet binds as it loads; a condition too, to be compiled in before its code runs.
    if (where === 'pending' || (where.scriptId === undefined && bp.condition)) {
      await this.watchLoad(bp.file);
      this.bound.set(bp.number, { key });
      return;
    }
    if (bp.condition && where.scriptId !== undefined) {
      const condition = await conditionInCode(this.scripts, where.scriptId, where, bp.condition);
      const placed = await this.conditions.place(bp.number, condition, where.scriptId, where, this.fresh);
      traceNote(`breakpoint ${bp.number}: condition ${placed ? 'compiled into the code' : "left to V8's condition"}`);
      if (placed) {
        this.bound.set(bp.number, { key, compiled: true });
        return;
      }
    }
    await this.setInV8(bp, key, where);
  }

  private async setInV8(bp: Breakpoint, key: string, where: { line0: number; column0: number; scriptId?: string }): Promise<void> {
    const condition = bp.condition && where.scriptId !== undefined ? await conditionInCode(this.scripts, where.scriptId, where, bp.condition) : bp.condition;
    const r = await this.client.call<{ breakpointId: string }>('Debugger.setBreakpointByUrl', {
      urlRegex: urlRegexFor(bp.file, String(bp.number)),
      lineNumber: where.line0,
      columnNumber: where.column0,
      condition: conditionFor(condition),
    });
    this.bound.set(bp.number, { key, id: r.breakpointId });
    this.owners.set(r.breakpointId, bp.number);
  }

  /** V8 rewrote the script and forgot its breakpoints there: set them again. */
  private async setAgainIn(scriptId: string): Promise<void> {
    const file = this.scripts.get(scriptId)?.file;
    for (const bp of this.store.all()) {
      const bound = this.bound.get(bp.number);
      if (!bound?.id || bp.file !== file) continue;
      await this.client.call('Debugger.removeBreakpoint', { breakpointId: bound.id });
      this.owners.delete(bound.id);
      const where = this.positionIn(bp, scriptId);
      if (where) await this.setInV8(bp, bound.key, { ...where, scriptId });
    }
  }

  /** Where V8 has the breakpoint's line; scriptId when the file is loaded. */
  private async generatedPosition(
    bp: Breakpoint,
  ): Promise<{ line0: number; column0: number; scriptId?: string } | 'pending' | undefined> {
    const scriptId = await this.scripts.findByFile(bp.file);
    if (scriptId === undefined) return isCompiled(bp.file) ? 'pending' : this.positionIn(bp);
    const where = this.positionIn(bp, scriptId);
    return where && { ...where, scriptId };
  }

  /**
   * Where the breakpoint's line is in `scriptId`, a script of its file, through its source map;
   * as written without a map or a script.
   */
  private positionIn(bp: Breakpoint, scriptId?: string): { line0: number; column0: number } | undefined {
    const at = bp.at ?? { line: bp.line, column: 1 };
    const map = scriptId === undefined ? undefined : this.scripts.get(scriptId)?.map;
    return map ? map.generated(bp.file, at.line, at.column - 1) : { line0: at.line - 1, column0: at.column - 1 };
  }

  private async unbind(number: number): Promise<void> {
    const bound = this.bound.get(number);
    this.bound.delete(number);
    if (bound?.compiled) await this.conditions.remove(number);
    const id = bound?.id;
    if (!id) return;
    this.owners.delete(id);
    await this.client.call('Debugger.removeBreakpoint', { breakpointId: id });
  }

  private async watchLoad(file: string): Promise<void> {
    if ([...this.loads.values()].includes(file)) return;
    const r = await this.client.call<{ breakpointId: string }>('Debugger.setBreakpointByUrl', {
      urlRegex: urlRegexFor(file, 'load'),
      lineNumber: 0,
      columnNumber: 0,
    });
    this.loads.set(r.breakpointId, file);
  }

  /** The file has just been compiled: bind its breakpoints that were waiting for it. */
  private async loaded(loadId: string): Promise<void> {
    const file = this.loads.get(loadId)!;
    this.loads.delete(loadId);
    await this.client.call('Debugger.removeBreakpoint', { breakpointId: loadId });
    for (const bp of this.store.all()) {
      const bound = this.bound.get(bp.number);
      if (bp.file !== file || !bound || bound.id || bound.compiled) continue;
      this.bound.delete(bp.number);
      await this.bind(bp, bound.key);
    }
  }
}
