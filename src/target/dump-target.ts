// Target implementation for a dump file: the same commands as on a live program, answered from
// the captured state. Expressions run in an isolated vm context per frame whose globals are the
// frame's variables, rebuilt from the dump; functions are visible but cannot be called. Extracted
// values are rebuilt here too, and bound as globals of the context for one evaluation, as are the
// module variables an inner frame lacks (see module-scope.ts), read and assigned in the module
// frame's context.
import * as util from 'node:util';
import * as vm from 'node:vm';
import type { Dump, DumpFrame, DumpObject, ValueRef } from '../dump/format.js';
import { Reconstructor } from '../dump/reconstruct.js';
import type { WorkerThread } from '../protocol/messages.js';
import { ExtractedValues, FROM_EXTRACT, chooseVariables, type Extraction } from './extracted.js';
import { outerNamesFor, type OuterNames } from './module-scope.js';
import type { ExceptionRecord, FrameRecord } from '../traceback/index.js';
import { summarizeSeries, type SeriesRequest, type SeriesSummary } from '../plot/series-summary.js';
import type { Node } from 'acorn';
import { parseProgram } from '../engine/parse-program.js';
import { childNodes } from '../util/js-syntax.cjs';
import { keepRejectionsOf } from './prompt-rejections.js';
import {
  EvaluationError,
  inspectOptions,
  type ExceptionSummary,
  type FormatOptions,
  type Frame,
  type Target,
  type Value,
  type Variable,
} from './target.js';

class DumpValue implements Value {
  readonly kind = 'value';
  constructor(readonly value: unknown) {}
}

const valueOf = (v: Value) => (v as DumpValue).value;

/** The rebuilt JavaScript value a DumpTarget's Value holds (the web viewer describes it itself). */
export const dumpValueOf = valueOf;

export class DumpTarget implements Target {
  readonly live = false;
  readonly thread?: WorkerThread;
  readonly olderFramesNotKept?: number;
  readonly frames: Frame[];
  readonly exception: ExceptionSummary;
  private readonly rebuild: Reconstructor;
  private readonly contexts = new Map<number, vm.Context>();
  /** One rebuild per value graph: the dump's own, and any other an extraction holds. */
  private readonly rebuilds = new WeakMap<Record<string, DumpObject>, Reconstructor>();

  constructor(
    private readonly dump: Dump,
    readonly extracted = new ExtractedValues(),
    /** A cause's view (exceptionTarget): that exception, at the frames of its own stack. */
    exception?: ExceptionSummary,
  ) {
    this.rebuild = new Reconstructor(dump.objects);
    this.rebuilds.set(dump.objects, this.rebuild);
    // Captured at the throw: a snapshot of the frames, as the stop that shows it says.
    this.frames = dump.frames.map((f) => ({ name: f.name, file: f.file, line: f.line, column: f.column, async: f.async, hasSnapshot: dump.live }));
    this.thread = dump.thread;
    this.olderFramesNotKept = dump.olderFramesNotKept;
    this.exception = exception ?? { text: dump.exception.text, value: new DumpValue(this.rebuild.value(dump.exception.value)) };
  }

  async evaluate(frame: number, expression: string): Promise<Value> {
    // A dump keeps the source's names (dump/capture.ts): nothing is renamed in it.
    const variables = { bindings: async (i: number) => this.variableRefs(i).map(([name]) => ({ name, generated: name })), renamed: async () => [] };
    const unbind = this.bindOuter(frame, await outerNamesFor(this, variables, frame, expression));
    try {
      return new DumpValue(this.run(frame, expression));
    } catch (err) {
      throw new EvaluationError(describeError(err));
    } finally {
      unbind();
    }
  }

  /**
   * Extracted values, and the module frame's variables (read and assigned in its context), as
   * globals of the frame's context where its variables do not hide them; returns the undo.
   */
  private bindOuter(frame: number, outer: OuterNames): () => void {
    const { extracted, bound: module } = outer;
    if (extracted.length === 0 && module.length === 0) return () => {};
    const context = this.contextOf(frame);
    const bound: string[] = [];
    const bind = (name: string, descriptor: PropertyDescriptor) => {
      if (Object.hasOwn(context, name)) return;
      Object.defineProperty(context, name, { ...descriptor, configurable: true });
      bound.push(name);
    };
    for (const name of extracted) {
      const extraction = this.extracted.extractionOf(name)!;
      let rebuild = this.rebuilds.get(extraction.objects);
      if (!rebuild) this.rebuilds.set(extraction.objects, (rebuild = new Reconstructor(extraction.objects, FROM_EXTRACT)));
      bind(name, { value: rebuild.value(this.extracted.valueOf(name)), writable: true });
    }
    for (const { name, frame: top } of module) {
      const moduleContext = this.contextOf(top) as Record<string, unknown>;
      bind(name, { get: () => moduleContext[name], set: (value: unknown) => (moduleContext[name] = value) });
    }
    return () => bound.forEach((name) => delete (context as Record<string, unknown>)[name]);
  }

  /** The dump itself: what `view` serves. */
  async capture(): Promise<Dump> {
    return this.dump;
  }

  /** A frame's scopes as the dump holds them, innermost first, every name (shadowed ones too), and its `this`. */
  scopes(frame: number): { scopes: { type: string; variables: Variable[] }[]; self?: Value } {
    const f = this.dump.frames[frame];
    const scopes = (f?.scopes ?? []).map(({ type, variables }) => ({
      type,
      variables: variables.map(([name, ref]) => ({ name, value: new DumpValue(this.rebuild.value(ref)) })),
    }));
    return { scopes, self: f?.this ? new DumpValue(this.rebuild.value(f.this)) : undefined };
  }

  async extract(frame: number, names: string[]): Promise<{ extraction: Extraction; missing: string[] }> {
    const { chosen, missing } = await chooseVariables(this.frames, frame, names, async (i) => this.variableRefs(i));
    return { extraction: { values: chosen, objects: this.dump.objects }, missing };
  }

  /** A frame's variables as the dump holds them, innermost scope first, each name once. */
  private variableRefs(frame: number): [string, ValueRef][] {
    const seen = new Map<string, ValueRef>();
    for (const scope of this.dump.frames[frame]?.scopes ?? []) {
      for (const [name, ref] of scope.variables) if (!seen.has(name)) seen.set(name, ref);
    }
    return [...seen];
  }

  private run(frame: number, expression: string): unknown {
    const context = this.contextOf(frame);
    const self = this.dump.frames[frame]?.this;
    // The frame's `this` is a function's: the code runs as one, called on it (an expression's
    // value returned; a statement's `var`s then stay inside).
    const code = self && /\bthis\b/.test(expression) ? calledOn(THIS, expression) : expression;
    if (self && !Object.hasOwn(context, THIS)) Object.defineProperty(context, THIS, { value: this.rebuild.value(self) });
    // Node would answer import() with its own error, which carries pmdb's frames.
    if (importsModules(expression)) throw new Error("import() loads no modules at a dump's prompt");
    return vm.runInContext(code, context, { timeout: 2000, displayErrors: false });
  }

  async format(value: Value, options: FormatOptions): Promise<string> {
    return util.inspect(valueOf(value), inspectOptions(options));
  }

  async summarizeSeries(value: Value, request: SeriesRequest): Promise<SeriesSummary> {
    return summarizeSeries.call(valueOf(value), request);
  }

  async typeName(value: Value): Promise<string> {
    const v = valueOf(value);
    if (v === null) return 'null';
    if (typeof v === 'function') {
      const text = this.rebuild.functions.get(v)?.text ?? '';
      return `${/^class\b/.test(text) ? 'Class' : 'Function'} ${v.name || '<anonymous>'}`;
    }
    if (typeof v !== 'object') return typeof v;
    return (Object.getPrototypeOf(v)?.constructor?.name as string | undefined) || 'Object';
  }

  async variables(frame: number, which: 'args' | 'all'): Promise<Variable[]> {
    const variable = ([name, ref]: [string, ValueRef]) => ({ name, value: new DumpValue(this.rebuild.value(ref)) });
    if (which === 'all') return this.variableRefs(frame).map(variable);
    // The parameters are the function's own scope's: a block inside may hide one.
    const own = this.dump.frames[frame]?.scopes.find((scope) => scope.type === 'local')?.variables ?? [];
    return (this.dump.frames[frame]?.args ?? []).flatMap((name) => own.filter(([n]) => n === name).map(variable));
  }

  async functionStart(frame: number): Promise<{ file: string; line: number } | undefined> {
    const f = this.dump.frames[frame];
    return f?.functionLine ? { file: f.file, line: f.functionLine } : undefined;
  }

  async functionLocation(value: Value): Promise<{ file: string; line: number } | undefined> {
    const v = valueOf(value);
    return typeof v === 'function' ? this.rebuild.functions.get(v)?.source : undefined;
  }

  async functionText(value: Value): Promise<string | undefined> {
    const v = valueOf(value);
    return typeof v === 'function' ? this.rebuild.functions.get(v)?.text : undefined;
  }

  async propertyNames(value: Value): Promise<string[]> {
    const names = new Set<string>();
    for (let o = valueOf(value) as object | null; o && typeof o === 'object'; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) names.add(k);
    }
    return [...names];
  }

  async loadedFiles(): Promise<string[]> {
    return Object.keys(this.dump.sources);
  }

  async sourceLines(file: string): Promise<string[] | undefined> {
    return this.dump.sources[file]?.split('\n');
  }

  async exceptionRecord(): Promise<ExceptionRecord | undefined> {
    return isRecord(this.dump.exception.record) ? this.dump.exception.record : undefined;
  }

  async exceptionChain(): Promise<ExceptionSummary[]> {
    const chain: ExceptionSummary[] = [];
    const seen = new Set<unknown>();
    const walk = (e: unknown) => {
      if (chain.length >= 100 || (typeof e === 'object' && e !== null && seen.has(e))) return;
      if (typeof e === 'object' && e !== null) seen.add(e);
      const o = e as { cause?: unknown; errors?: unknown; name?: unknown; message?: unknown } | null;
      if (o && typeof o === 'object' && 'cause' in o) walk(o.cause);
      if (o && Array.isArray(o.errors)) o.errors.forEach(walk);
      const text = o && typeof o === 'object' && typeof o.message === 'string' ? `${String(o.name)}: ${o.message}` : util.inspect(e);
      chain.push({ text, value: new DumpValue(e) });
    };
    walk(valueOf(this.exception.value));
    chain[chain.length - 1] = this.exception;
    return chain;
  }

  /** Exception `index` of the chain, at the frames its stack text gave (the dump's record keeps them; no variables). */
  async exceptionTarget(index: number): Promise<Target> {
    const chain = await this.exceptionChain();
    const records = chainRecords(this.dump.exception.record);
    const chosen = chain[index];
    const frames = records.length === chain.length ? records[index]?.frames : undefined;
    if (!chosen || index === chain.length - 1 || !Array.isArray(frames)) return this;
    const stack: DumpFrame[] = frames
      .filter((f): f is FrameRecord => typeof f?.filename === 'string' && Number.isInteger(f.lineno))
      .map((f) => ({ name: String(f.name ?? ''), file: f.filename, line: f.lineno, column: (Number(f.colno) || 0) + 1, async: false, scopes: [] }))
      .reverse();
    // Whether V8 cut that exception's own stack text is not kept: say nothing of it.
    return new DumpTarget({ ...this.dump, frames: stack, olderFramesNotKept: undefined }, this.extracted, chosen);
  }

  /** A context whose globals are the frame's variables; inner scopes shadow outer ones. */
  private contextOf(frame: number): vm.Context {
    let context = this.contexts.get(frame);
    if (context) return context;
    // Its microtasks run as part of each evaluation, inside its time limit: a `then` callback that
    // never ends is stopped as a loop in the expression is (it hung pmdb).
    context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
    // An error made at the prompt would carry pmdb's own frames as its stack: no program runs here.
    vm.runInContext('Error.stackTraceLimit = 0', context);
    keepRejectionsOf(context);
    const scopes = [...(this.dump.frames[frame]?.scopes ?? [])].reverse();
    for (const scope of scopes) {
      for (const [name, ref] of scope.variables) {
        Object.defineProperty(context, name, { value: this.rebuild.value(ref), writable: true, configurable: true, enumerable: true });
      }
    }
    this.contexts.set(frame, context);
    return context;
  }
}

/** A traceback record as the traceback library expects it, all the way down (a file may lie). */
function isRecord(r: unknown, depth = 0): r is ExceptionRecord {
  if (!r || typeof r !== 'object' || depth > 50) return false;
  const x = r as Record<string, unknown>;
  const frameOk = (f: unknown) => {
    const g = f as Record<string, unknown> | null;
    return !!g && typeof g === 'object' && typeof g.filename === 'string' && Number.isInteger(g.lineno) && typeof g.name === 'string';
  };
  return (
    typeof x.type === 'string' &&
    (x.message === undefined || typeof x.message === 'string') &&
    (x.frames === undefined || (Array.isArray(x.frames) && x.frames.every(frameOk))) &&
    (x.properties === undefined || (typeof x.properties === 'object' && x.properties !== null && Object.values(x.properties).every((v) => typeof v === 'string'))) &&
    (x.cause === undefined || isRecord(x.cause, depth + 1)) &&
    (x.exceptions === undefined || (Array.isArray(x.exceptions) && x.exceptions.every((e) => isRecord(e, depth + 1))))
  );
}

function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) {
    const name = (err as { name?: unknown }).name;
    return `${typeof name === 'string' ? name : 'Error'}: ${String((err as { message: unknown }).message)}`;
  }
  return String(err);
}

/** Whether code calls import(): a parse, so that text in a string is not taken for it. */
function importsModules(code: string): boolean {
  if (!/\bimport\b/.test(code)) return false;
  const program = parseProgram(code, 'script');
  const found = (node: Node): boolean => node.type === 'ImportExpression' || [...childNodes(node)].some(([, child]) => found(child));
  return program ? found(program) : false;
}

/** Where a dump frame's context keeps its `this` (a name no program uses). */
const THIS = '__pmdb_this__';

function calledOn(self: string, source: string): string {
  try {
    new vm.Script(`(function () { return (${source}\n); })`);
    return `(function () { return (${source}\n); }).call(${self})`;
  } catch {
    return `(function () { ${source}\n }).call(${self})`;
  }
}

/** The dump's exception record and its causes and group members, in exceptionChain's order. */
function chainRecords(record: unknown): ExceptionRecord[] {
  const records: ExceptionRecord[] = [];
  const walk = (r: unknown) => {
    if (records.length >= 100 || !r || typeof r !== 'object') return;
    const { cause, exceptions } = r as ExceptionRecord;
    if (cause) walk(cause);
    if (Array.isArray(exceptions)) exceptions.forEach(walk);
    records.push(r as ExceptionRecord);
  };
  walk(record);
  return records;
}
