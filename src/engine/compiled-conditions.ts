// Conditional breakpoints compiled into the scripts V8 runs (condition-snippets.ts says how),
// through V8's live edit (`Debugger.setScriptSource`). Each script keeps its original source and
// the snippets now in it; any change rewrites the script from the original.
//
// V8 refuses an edit that changes a function with a frame on the stack, unless it is only the
// top frame and the caller allows restarting it. pmdb allows that only where none of the frame's
// code has run yet (a file's load breakpoint, the first-line stop): V8 then restarts the frame,
// and the agent answers once it has paused again at its start (agent/script-edit.ts). Anywhere
// else an edit that V8 refuses leaves the breakpoint to V8's own condition.
//
// V8 forgets the breakpoints it had in a script it edits (measured, Node 20): `edited` is told,
// so that they are set again.
import type { Protocol } from 'devtools-protocol';
import type { Program } from 'acorn';
import type { Channel } from '../target/agent-client.js';
import { applyInsertions, enclosingFunction, nothingRanBefore, insertionOffset, snippetFor, snippetStops, type Insertion } from './condition-snippets.js';
import { offsetOf } from '../util/text-offset.cjs';
import { parseProgram } from './parse-program.js';
import type { ScriptTable, SourceEdit } from './scripts.js';
import type { ScriptEditResult } from '../agent/script-edit.js';
import { traceNote } from '../util/debug-log.js';

interface SnippetEdit extends SourceEdit {
  number: number;
  /** Columns of its `debugger` statements. */
  stops: number[];
}

interface EditedScript {
  original: string;
  /** The original source parsed once: where snippets may go, and which function holds them. */
  program: Program;
  /** What V8's copy holds now, by breakpoint number. */
  applied: Map<number, Insertion>;
  /** Where each snippet is in V8's copy. */
  edits: SnippetEdit[];
}

export class CompiledConditions {
  private readonly scripts = new Map<string, EditedScript>();
  /** Where the program paused again after an edit restarted its top frame, until taken. */
  private repaused?: Protocol.Debugger.PausedEvent;

  constructor(
    private readonly client: Channel,
    private readonly table: ScriptTable,
    /** A script was rewritten: V8 has none of its breakpoints any more. */
    private readonly edited: (scriptId: string) => Promise<void>,
  ) {}

  /**
   * Writes the condition of breakpoint `number` in before the statement at (line0, column0) of
   * the script. False when it cannot be compiled in there: the caller uses V8's condition.
   * `fresh`: the top frame, when none of its code has run yet.
   */
  async place(
    number: number,
    condition: string,
    scriptId: string,
    where: { line0: number; column0: number },
    fresh?: Protocol.Debugger.CallFrame,
  ): Promise<boolean> {
    const text = snippetFor(condition);
    const script = text && (await this.script(scriptId));
    if (!script) return false;
    const offset = insertionOffset(script.program, where.line0, where.column0);
    if (offset === undefined) return false;
    const wanted = new Map(script.applied).set(number, { offset, text });
    return this.apply(scriptId, script, wanted, Boolean(fresh && this.restartsFrame(scriptId, script, offset, fresh)));
  }

  /** Takes breakpoint `number`'s snippet out where V8 allows; a snippet left in fires unheeded. */
  async remove(number: number): Promise<void> {
    for (const [scriptId, script] of this.scripts) {
      if (!script.applied.has(number)) continue;
      const wanted = new Map(script.applied);
      wanted.delete(number);
      await this.apply(scriptId, script, wanted, false);
    }
  }

  /** The pause an edit's frame restart left the program at; its call frames replace the old ones. */
  takeRepaused(): Protocol.Debugger.PausedEvent | undefined {
    const repaused = this.repaused;
    this.repaused = undefined;
    return repaused;
  }

  /** The number of the breakpoint whose snippet stopped the program, if one did. */
  onPause(paused: Protocol.Debugger.PausedEvent): number | undefined {
    const top = paused.callFrames[0];
    if (!top || paused.reason !== 'other') return undefined;
    const { scriptId, lineNumber, columnNumber = 0 } = top.location;
    // A V8 breakpoint on the line may stop inside the snippet too, but not at its `debugger`.
    const edit = this.scripts.get(scriptId)?.edits.find((e) => e.line0 === lineNumber && e.stops.includes(columnNumber));
    return edit?.number;
  }

  /** Whether code written at `offset` is in the fresh top frame's own function. */
  private restartsFrame(scriptId: string, script: EditedScript, offset: number, top: Protocol.Debugger.CallFrame): boolean {
    const { lineNumber, columnNumber = 0 } = top.location;
    if (top.location.scriptId !== scriptId) return false;
    const at = offsetOf(script.original, lineNumber, this.table.uneditedColumn(scriptId, lineNumber, columnNumber));
    // The first-line stop comes after what it skips: a class declaration has run by then.
    return enclosingFunction(script.program, at) === enclosingFunction(script.program, offset) && nothingRanBefore(script.program, at);
  }

  private async script(scriptId: string): Promise<EditedScript | undefined> {
    let script = this.scripts.get(scriptId);
    if (!script) {
      const original = await this.table.generatedSource(scriptId);
      const isModule = Boolean(this.table.get(scriptId)?.isModule);
      const program = original === undefined ? undefined : parseProgram(original, isModule ? 'module' : 'script');
      if (original === undefined || !program) return undefined;
      script = { original, program, applied: new Map(), edits: [] };
      this.scripts.set(scriptId, script);
    }
    return script;
  }

  private async apply(
    scriptId: string,
    script: EditedScript,
    wanted: Map<number, Insertion>,
    /** The edit changes the top frame's function, none of which has run: V8 restarts it. */
    restart: boolean,
  ): Promise<boolean> {
    if (sameInsertions(wanted, script.applied)) return true;
    const source = applyInsertions(script.original, [...wanted.values()]);
    // The snippets were checked one by one; V8 compiles the whole and refuses it (CompileError)
    // when it is no longer a valid program (`arguments` in a class static block, say).
    try {
      const r = await this.client.call<ScriptEditResult>('pmdb.editScript', {
        scriptId,
        scriptSource: source,
        restart,
      });
      if ((r.status && r.status !== 'Ok') || r.exceptionDetails) return false;
      this.repaused = r.repaused ?? this.repaused;
    } catch (error) {
      // V8 without live edit (see agent/script-edit.ts) answers every edit with an error.
      traceNote(`live edit failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    script.applied = wanted;
    script.edits = editsOf(script.original, wanted);
    this.table.edited(scriptId, source, script.original, script.edits);
    await this.edited(scriptId);
    return true;
  }
}

function sameInsertions(a: Map<number, Insertion>, b: Map<number, Insertion>): boolean {
  if (a.size !== b.size) return false;
  for (const [number, x] of a) {
    const y = b.get(number);
    if (!y || y.offset !== x.offset || y.text !== x.text) return false;
  }
  return true;
}

/** Where the snippets land in the edited copy: their line, and columns after earlier ones. */
function editsOf(original: string, wanted: Map<number, Insertion>): SnippetEdit[] {
  const sorted = [...wanted].sort(([, a], [, b]) => a.offset - b.offset);
  const edits: SnippetEdit[] = [];
  for (const [number, { offset, text }] of sorted) {
    const lineStart = original.lastIndexOf('\n', offset - 1) + 1;
    const line0 = countLines(original, lineStart);
    const before = edits.filter((e) => e.line0 === line0).reduce((sum, e) => sum + e.length, 0);
    const column0 = offset - lineStart + before;
    edits.push({ number, line0, column0, length: text.length, stops: snippetStops(text).map((c) => column0 + c) });
  }
  return edits;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
