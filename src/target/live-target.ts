// Target implementation for a live paused program: every question becomes a protocol call to the
// agent inside the debuggee, evaluated in the real frame.
import { lowerPrivateReads, mayNamePrivate } from '../engine/lowered-private-fields.js';
import { offsetOf } from '../util/text-offset.cjs';
import type { Protocol } from 'devtools-protocol';
import { TargetGoneError, type Channel } from './agent-client.js';
import type { ScriptTable } from '../engine/scripts.js';
import { buildFrames, type LiveFrame } from '../engine/frames.js';
import { framesFromStack, olderFramesCut } from '../engine/unwound-frames.js';
import { STOP_GROUP, type SnapshotFrame, type StopKind, type WorkerCrash, type WorkerThread } from '../protocol/messages.js';
import { parameterNames } from '../engine/parameters.js';
import {
  EvaluationError,
  inspectOptions,
  type ExceptionSummary,
  type FormatOptions,
  type Target,
  type Value,
  type Variable,
} from './target.js';
import { DEBUGGEE_FUNCTIONS } from './debuggee-functions.js';
import { programUtil } from './program-util.js';
import { toCallArgument } from '../util/call-argument.cjs';
import { Conveniences } from './conveniences.js';
import { isBindable } from '../util/bindable-name.js';
import { mayName, outerNamesFor, type OuterNames } from './module-scope.js';
import { boundNames, freeNames } from '../engine/free-names.js';
import { uninitializedIn } from '../engine/uninitialized-names.js';
import { StopNames } from './stop-names.js';
import { toExceptionRecord, type ThrownRecord } from '../engine/exception-record.js';
import type { ExceptionRecord } from '../traceback/index.js';
import { captureDump, serializeValues } from '../dump/capture.js';
import { DEFAULT_LIMITS, type CaptureLimits } from '../dump/limits.cjs';
import { ExtractedValues, chooseVariables, type Extraction } from './extracted.js';
import { ExtractedInProgram, EXTRACTED_FUNCTION_TEXT } from './extracted-in-program.js';
import type { Dump } from '../dump/format.js';
import { rewriteDeclarations } from '../engine/session-declarations.js';
import { SessionVariables, type ThreadVariables } from './session-variables.js';
import { summarizeSeries, type SeriesRequest, type SeriesSummary } from '../plot/series-summary.js';

type RemoteObject = Protocol.Runtime.RemoteObject;

export interface CompileError {
  file: string;
  line: number;
  column: number;
  lineText: string;
  text: string;
}

export interface Stop {
  kind: StopKind;
  paused: Protocol.Debugger.PausedEvent;
  error?: RemoteObject;
  /** The worker thread that stopped; undefined for the main thread. */
  session?: string;
  snapshot?: SnapshotFrame[];
  /** See the 'stopped' event's `callers`. */
  callers?: SnapshotFrame[];
  thread?: WorkerThread;
  /** The error came from a worker thread that died of it: its frames at the throw. */
  fromWorker?: WorkerCrash;
  /** `--stop-on escaped`: what will catch the error. */
  caughtBy?: string;
  /** `pmdb test`: the failing test, when the agent can tell. */
  test?: { name: string; file?: string };
  /** `pmdb test --trace`: a 'pause' at a test's first line. */
  testStarted?: { name?: string };
}

/** What the stop's frames are: live, kept at the throw or rebuilt after it (see Target.olderFramesNotKept). */
interface StopFrames {
  frames: LiveFrame[];
  live: boolean;
  error?: RemoteObject;
  olderFramesNotKept?: number;
}

/** The frames an error's stack text names: what is left of them once its stack has unwound. */
async function unwoundFrames(client: Channel, scripts: ScriptTable, error: RemoteObject): Promise<Omit<StopFrames, 'live'>> {
  if (!error.objectId) return { frames: [], error };
  const call = async (functionDeclaration: string, args: RemoteObject[] = []) =>
    (await client.call('Runtime.callFunctionOn', { objectId: error.objectId, functionDeclaration, arguments: args.map(toCallArgument), returnByValue: true, silent: true })).result?.value as unknown;
  const text = await call(DEBUGGEE_FUNCTIONS.stackText, [await programUtil(client, STOP_GROUP)]);
  const stack = typeof text === 'string' ? text : '';
  const limit = await call(DEBUGGEE_FUNCTIONS.stackTraceLimit).catch(() => null);
  const cut = typeof limit === 'number' && olderFramesCut(stack, limit);
  return { frames: await framesFromStack(scripts, stack), error, ...(cut && { olderFramesNotKept: limit }) };
}

/**
 * A stop's frames and the error it is about: the paused stack itself, or, once the error's stack
 * has unwound, the snapshot taken at its throw or else the frames its stack text names.
 */
async function stopFrames(client: Channel, scripts: ScriptTable, stop: Stop): Promise<StopFrames> {
  const { paused, error, snapshot } = stop;
  if (error && snapshot && (stop.kind === 'fatal' || stop.kind === 'postMortem')) {
    return { frames: await buildFrames(client, scripts, snapshot.map((f) => f.callFrame), snapshot), live: false, error };
  }
  if (error && stop.kind === 'fatal') {
    const unwound = await unwoundFrames(client, scripts, error);
    if (!stop.callers?.length) return { ...unwound, live: false };
    const joined = joinCallers(unwound.frames, await buildFrames(client, scripts, stop.callers.map((f) => f.callFrame)));
    return joined ? { frames: joined, live: false, error } : { ...unwound, live: false };
  }
  const thrown = paused.reason === 'exception' || paused.reason === 'promiseRejection';
  return { frames: await buildFrames(client, scripts, paused.callFrames), live: true, error: thrown ? (paused.data as RemoteObject) : undefined };
}

/**
 * The frames a stack text names down to where the callers still on the stack at the rethrow
 * begin (the same call, at the same position), then those callers: none of them is cut off.
 * Undefined when the text does not reach them.
 */
function joinCallers(named: LiveFrame[], callers: LiveFrame[]): LiveFrame[] | undefined {
  const [first] = callers;
  const at = named.findIndex((f) => f.file === first?.file && f.line === first.line && f.column === first.column);
  return at < 0 ? undefined : [...named.slice(0, at), ...callers];
}
/** The frame's own scopes: for `args` the function's, for `locals` its blocks' too. */
const ownScope = (type: string, which: 'args' | 'locals'): boolean => type === 'local' || (which === 'locals' && (type === 'block' || type === 'catch'));

class LiveValue implements Value {
  readonly kind = 'value';
  constructor(readonly remote: RemoteObject) {}
}

const remoteOf = (value: Value): RemoteObject => (value as LiveValue).remote;

/** A primitive as the protocol describes it, as a value of its type (NaN, bigints and symbols have no JSON). */
const primitiveOf = (r: RemoteObject): unknown =>
  r.type === 'number' ? Number(r.unserializableValue ?? r.value) : r.type === 'bigint' ? 0n : r.type === 'symbol' ? Symbol() : r.value;

/** How much of a long string `format` sends back to the program (DEBUGGEE_FUNCTIONS.inspectLongString). */
const LONG_STRING_HEAD = 65_536;

/** Sent as is: `summarizeSeries` names nothing outside itself. */
const SUMMARIZE_SERIES = summarizeSeries.toString();

/**
 * summarizeSeries as compiled in each program (per channel: a thread of one run), kept across its
 * stops: a function compiled anew starts cold, and a plot of 10^6 numbers then costs the program
 * ~60 ms of CPU instead of ~5 (docs/benchmarks.md, "Plot").
 */
const SUMMARIZERS = new WeakMap<Channel, string>();

export class LiveTarget implements Target {
  exception?: ExceptionSummary;
  private inspectFn?: string;
  private utilModule?: Promise<RemoteObject>;
  /** $names typed at this stop; released with the stop's objects when the program resumes. */
  private readonly conveniences: Conveniences;
  /** The session's extracted values, rebuilt in the program at this stop when an expression needs them. */
  private readonly extractedHere: ExtractedInProgram;
  private readonly names: StopNames;
  /** Per frame (live or kept at the throw), the bindings its code has not reached yet (engine/uninitialized-names.ts). */
  private readonly unreached = new Map<number, Promise<ReadonlySet<string>>>();
  private readonly unreachedBySource = new Map<number, Promise<ReadonlySet<string>>>();

  private constructor(
    private readonly client: Channel,
    private readonly scripts: ScriptTable,
    readonly frames: LiveFrame[],
    /** False when the frames were rebuilt after the stack unwound: no scopes to evaluate in. */
    readonly live: boolean,
    readonly extracted: ExtractedValues,
    readonly thread: WorkerThread | undefined,
    private readonly sessionVariables: ThreadVariables,
    readonly olderFramesNotKept?: number,
  ) {
    this.conveniences = new Conveniences(client, STOP_GROUP);
    this.extractedHere = new ExtractedInProgram(client, STOP_GROUP, extracted);
    this.names = new StopNames(frames, (objectId) => this.properties(objectId), scripts);
  }

  static async create(
    client: Channel,
    scripts: ScriptTable,
    stop: Stop,
    session: { extracted: ExtractedValues; variables: SessionVariables } = { extracted: new ExtractedValues(), variables: new SessionVariables() },
  ): Promise<LiveTarget> {
    const { frames, live, error, olderFramesNotKept } = await stopFrames(client, scripts, stop);
    const target = new LiveTarget(client, scripts, frames, live, session.extracted, stop.thread, session.variables.in(client, stop.session), olderFramesNotKept);
    for (const [i, frame] of frames.entries()) if (frame.snapshot) frame.snapshot = await target.names.sourceNamedSnapshot(i);
    if (error) target.exception = await target.summary(error);
    return target;
  }

  async release(): Promise<void> {
    await this.client.call('Runtime.releaseObjectGroup', { objectGroup: STOP_GROUP }).catch(() => {});
  }

  async evaluate(frame: number, source: string): Promise<Value> {
    const declaring = rewriteDeclarations(source);
    const expression = declaring?.code ?? source;
    await this.refuseUnreached(frame, expression);
    const conveniences = {
      isProgramName: (name: string) => this.programHas(frame, name),
      builtin: (name: string) => this.builtin(name, frame),
      global: () => this.globalOf(frame),
    };
    const { extracted, bound } = await outerNamesFor(this, this.names, frame, expression);
    // The frame's own first, then the module's: one array, in this order, holds their values.
    const ordered = [...bound.filter((b) => b.frame === frame), ...bound.filter((b) => b.frame !== frame)];
    const read = () => this.readBound(ordered);
    const assign = (assigned: RemoteObject) => this.assignBound(ordered, assigned);
    const names = ordered.map((b) => b.name);
    const lacksRequire = mayName(expression, ['require']) && !names.includes('require') && !(await this.names.of(frame)).has('require');
    // The declared names innermost: the module's variables of the same names stay the program's.
    return this.sessionVariables.around(declaring, lacksRequire ? this.frames[frame]?.file : undefined, (inSession) =>
      this.conveniences.around(expression, conveniences, (rewritten) =>
        this.extractedHere.around(extracted, { names, read, assign }, conveniences.global, (inScope) =>
          this.evaluateHere(frame, inScope(inSession(rewritten))),
        ),
      ),
    );
  }

  /**
   * `X.#field` read where the compiler turned the class's private fields into WeakMaps
   * (engine/lowered-private-fields.ts), in the code V8 is given: the WeakMaps are named as V8
   * names them, which the source map may give another variable's source name.
   */
  private async withLoweredPrivateFields(frame: number, source: string): Promise<string> {
    const f = this.frames[frame];
    if (!mayNamePrivate(source) || !f?.scriptId || !f.location || f.snapshot) return source;
    const { scriptId } = f;
    const generated = await this.scripts.generatedSource(scriptId);
    const original = await this.scripts.lines(f.file, scriptId);
    if (generated === undefined || original === undefined) return source;
    const fieldDeclaredAt = (offset: number) => {
      const line0 = generated.slice(0, offset).split('\n').length - 1;
      const at = this.scripts.position(scriptId, line0, offset - (generated.lastIndexOf('\n', offset - 1) + 1));
      return at.file === f.file ? /^#([\p{ID_Start}$_][\p{ID_Continue}$]*)/u.exec(original[at.line - 1]?.slice(at.column - 1) ?? '')?.[1] : undefined;
    };
    return lowerPrivateReads(source, { generated, offset: offsetOf(generated, f.location.lineNumber, f.location.columnNumber ?? 0), fieldDeclaredAt });
  }

  /**
   * The values of variables bound for an evaluation, as one array, read in the frames that hold
   * them under V8's names; read now: V8's scope objects keep the values of the pause.
   */
  private async readBound(bound: OuterNames['bound']): Promise<RemoteObject> {
    const parts: RemoteObject[] = [];
    for (const frame of new Set(bound.map((b) => b.frame))) {
      const generated = bound.filter((b) => b.frame === frame).map((b) => b.generated);
      parts.push(remoteOf(await this.evaluateHere(frame, `[${generated.join(', ')}]`)));
    }
    if (parts.length === 1) return parts[0]!;
    const r = await this.client.call('Runtime.callFunctionOn', {
      objectId: parts[0]!.objectId,
      functionDeclaration: 'function (...rest) { return this.concat(...rest); }',
      arguments: parts.slice(1).map(toCallArgument),
      objectGroup: STOP_GROUP,
      silent: true,
    });
    return r.result as RemoteObject;
  }

  /**
   * Makes in the frames holding them the assignments an evaluation made to bound variables
   * (`assigned` holds them by source name). A snapshot frame keeps its values: it is gone.
   */
  private async assignBound(bound: OuterNames['bound'], assigned: RemoteObject): Promise<void> {
    for (const { name, value } of await this.properties(assigned.objectId!)) {
      const variable = bound.find((b) => b.name === name);
      const f = variable && this.frames[variable.frame];
      if (!value || !variable || !f?.callFrameId || !f.scopeChain) continue;
      try {
        await this.client.call('Debugger.setVariableValue', {
          callFrameId: f.callFrameId,
          scopeNumber: await this.names.scopeHolding(variable.frame, variable.generated),
          variableName: variable.generated,
          newValue: toCallArgument(value),
        });
      } catch (err) {
        throw new EvaluationError(`${name} cannot be assigned in its frame (${err instanceof Error ? err.message : String(err)})`);
      }
    }
  }

  async extract(frame: number, names: string[]): Promise<{ extraction: Extraction; missing: string[] }> {
    const { chosen, missing } = await chooseVariables(this.frames, frame, names, async (i) =>
      (await this.variables(i, 'all')).map((v) => [v.name, remoteOf(v.value)] as [string, RemoteObject]),
    );
    if (chosen.length === 0) return { extraction: { values: [], objects: {} }, missing };
    // The values are the user's to see at this prompt already: nothing is redacted.
    const copies = await serializeValues(this.client, [], chosen.map(([name]) => name), chosen.map(([, value]) => value), { ...DEFAULT_LIMITS, redact: false });
    return { extraction: { values: chosen.map(([name], i) => [name, copies.refs[i]!]), objects: copies.objects }, missing };
  }

  /** Whether `$name` is one of the program's variables, which a convenience variable must not hide. */
  private async programHas(frame: number, name: string): Promise<boolean> {
    if ((await this.names.of(frame)).has(name)) return true;
    const global = await this.globalOf(frame);
    const r = await this.client.call('Runtime.callFunctionOn', {
      objectId: global.objectId,
      functionDeclaration: 'function (name) { return Reflect.has(this, name); }',
      arguments: [{ value: name }],
      returnByValue: true,
      silent: true,
    });
    return r.result?.value === true;
  }

  /**
   * The global object code evaluated in `frame` sees: a live frame's own (a vm context's frame
   * has its context's), the exception's realm's for a snapshot (evaluateInSnapshot runs there).
   */
  private async globalOf(frame: number): Promise<RemoteObject> {
    const f = this.frames[frame];
    const scope = f?.scopeChain?.find((s) => s.type === 'global');
    if (scope && !f?.snapshot) return scope.object;
    const self = this.exception ? remoteOf(this.exception.value) : undefined;
    const r = self?.objectId
      ? await this.client.call('Runtime.callFunctionOn', { objectId: self.objectId, functionDeclaration: 'function () { return globalThis; }', objectGroup: STOP_GROUP, silent: true })
      : await this.client.call('Runtime.evaluate', { expression: 'globalThis', objectGroup: STOP_GROUP, silent: true });
    return r.result;
  }

  /** pdb's $_frame, $_retval and $_exception at this stop. */
  private async builtin(name: string, frame: number): Promise<RemoteObject | undefined> {
    if (name === '$_retval') return this.frames[0]?.returnValue;
    if (name === '$_exception') return this.exception ? remoteOf(this.exception.value) : undefined;
    const f = this.frames[frame];
    return f && { type: 'object', value: { name: f.name, file: f.file, line: f.line, column: f.column } };
  }

  private async evaluateHere(frame: number, expression: string): Promise<Value> {
    const f = this.frames[frame];
    if (f?.snapshot) return this.evaluateInSnapshot(f.snapshot, expression);
    // Frames rebuilt from an unwound stack have no scopes: only globals can answer.
    // No DevTools command-line API: its `values`, `keys`, `copy`... would answer for undefined names.
    const params = { expression, objectGroup: STOP_GROUP, silent: true };
    const r = f?.callFrameId
      ? await this.client.call('Debugger.evaluateOnCallFrame', { ...params, expression: await this.withLoweredPrivateFields(frame, expression), callFrameId: f.callFrameId })
      : await this.client.call('Runtime.evaluate', params);
    if (r.exceptionDetails) throw new EvaluationError(await this.errorText(r.exceptionDetails));
    return new LiveValue(r.result);
  }

  /**
   * The program cannot read a binding its code has not reached (`result` in the frame of
   * `const result = load()`): neither can its expressions. V8's debugger on Node 20 would read
   * `undefined` there.
   */
  private async refuseUnreached(frame: number, expression: string): Promise<void> {
    const unreached = await this.unreachedSourceNames(frame);
    if (unreached.size === 0) return;
    const own = boundNames(expression);
    const name = [...freeNames(expression)].find((n) => unreached.has(n) && !own.has(n));
    if (name !== undefined) throw new EvaluationError(`ReferenceError: Cannot access '${name}' before initialization`);
  }

  /**
   * unreachedNames under the source's names, which expressions spell (a compiler may rename). V8
   * may list such a binding without a value (Node 22+), so its source name comes from the scopes'
   * ranges, innermost first, not from the frame's valued variables. Once per frame and stop.
   */
  private unreachedSourceNames(frame: number): Promise<ReadonlySet<string>> {
    let names = this.unreachedBySource.get(frame);
    if (!names) {
      names = this.unreachedNames(frame).then(async (unreached) => {
        if (unreached.size === 0) return unreached;
        const sourceOf = new Map<string, string>();
        for (const at of (this.frames[frame]?.scopeChain ?? []).keys()) {
          for (const [generated, binding] of await this.names.inScope(frame, at, [...unreached])) {
            if (binding.name !== generated && !sourceOf.has(generated)) sourceOf.set(generated, binding.name);
          }
        }
        return new Set([...unreached].map((n) => sourceOf.get(n) ?? n));
      });
      this.unreachedBySource.set(frame, names);
    }
    return names;
  }


  private unreachedNames(frame: number): Promise<ReadonlySet<string>> {
    let names = this.unreached.get(frame);
    if (!names) {
      const at = this.frames[frame]?.location;
      names = at
        ? this.scripts.generatedSource(at.scriptId).then((source) => (source === undefined ? new Set<string>() : uninitializedIn(source, at.lineNumber, at.columnNumber ?? 0)))
        : Promise.resolve(new Set<string>());
      this.unreached.set(frame, names);
    }
    return names;
  }

  /**
   * Runs the expression in a function whose parameters are the snapshot's variables (innermost
   * scope first), so their names resolve to the values kept at the throw. Assignments change
   * only the copy: the frame is gone.
   */
  private async evaluateInSnapshot(variables: SnapshotFrame['variables'], expression: string): Promise<Value> {
    const bound = new Map<string, RemoteObject>();
    for (const v of variables) if (isBindable(v.name) && !bound.has(v.name)) bound.set(v.name, v.value);
    const self = this.exception ? remoteOf(this.exception.value) : undefined;
    const r = await this.client.call('Runtime.callFunctionOn', {
      ...(self?.objectId ? { objectId: self.objectId } : { executionContextId: 1 }),
      functionDeclaration: `function (${[...bound.keys()].join(', ')}) { return eval(${JSON.stringify(expression)}); }`,
      arguments: [...bound.values()].map(toCallArgument),
      objectGroup: STOP_GROUP,
      silent: true,
    });
    if (r.exceptionDetails) throw new EvaluationError(await this.errorText(r.exceptionDetails));
    return new LiveValue(r.result);
  }

  async format(value: Value, options: FormatOptions): Promise<string> {
    const remote = remoteOf(value);
    const long = typeof remote.value === 'string' && remote.value.length > LONG_STRING_HEAD ? remote.value : undefined;
    // V8 takes ~150 ns a character to receive a string argument: a long one goes back as its head.
    const text =
      (long !== undefined
        ? await this.callWith(await this.inspect(), DEBUGGEE_FUNCTIONS.inspectLongString, [long.slice(0, LONG_STRING_HEAD), long.length, inspectOptions(options)])
        : null) ?? (await this.callWith(await this.inspect(), DEBUGGEE_FUNCTIONS.inspect, [remote, inspectOptions(options)]));
    return typeof text === 'string' ? text : String(text);
  }

  /** One call into the program, which sends back a summary per column, never the numbers. */
  async summarizeSeries(value: Value, request: SeriesRequest): Promise<SeriesSummary> {
    const remote = remoteOf(value);
    if (remote.subtype === 'proxy') return { numeric: false, what: ' is a Proxy, whose traps plot does not run' };
    if (!remote.objectId) return summarizeSeries.call(primitiveOf(remote), request);
    const summarize = async () =>
      (await this.callWith(await this.summarizer(), 'function (value, request) { return this.call(value, request); }', [remote, request])) as SeriesSummary;
    try {
      return await summarize();
    } catch (err) {
      if (err instanceof EvaluationError || err instanceof TargetGoneError) throw err;
      // The program no longer holds the compiled function: compile it again.
      SUMMARIZERS.delete(this.client);
      return summarize();
    }
  }

  /** summarizeSeries compiled in the program once (SUMMARIZERS). */
  private async summarizer(): Promise<RemoteObject> {
    let objectId = SUMMARIZERS.get(this.client);
    if (!objectId) {
      const r = await this.client.call('Runtime.evaluate', { expression: `(${SUMMARIZE_SERIES})`, objectGroup: 'pmdb-tools', silent: true });
      if (r.exceptionDetails || !r.result.objectId) throw new EvaluationError('cannot compile the plot summary in the program');
      objectId = r.result.objectId as string;
      SUMMARIZERS.set(this.client, objectId);
    }
    return { type: 'function', objectId };
  }

  async typeName(value: Value): Promise<string> {
    const remote = remoteOf(value);
    if (!remote.objectId) return remote.type === 'object' ? 'null' : remote.type;
    return String(await this.callOn(remote, DEBUGGEE_FUNCTIONS.typeName));
  }

  /** As Target's; `locals`: the function's own and its blocks' variables, not those it closes over (`pmdb stacks --locals`). */
  async variables(frame: number, which: 'args' | 'locals' | 'all'): Promise<Variable[]> {
    const f = this.frames[frame];
    const unreached = await this.unreachedNames(frame);
    const out: Variable[] = [];
    const seen = new Set<string>();
    const add = (name: string, value: RemoteObject) => {
      if (seen.has(name)) return;
      seen.add(name);
      out.push({ name, value: new LiveValue(value) });
    };
    if (f?.snapshot) {
      for (const v of f.snapshot) if ((which === 'all' || ownScope(v.scope, which)) && !unreached.has(v.name)) add(v.name, v.value);
    } else {
      for (const [at, scope] of (f?.scopeChain ?? []).entries()) {
        if (scope.type === 'global') continue;
        if (which !== 'all' && !ownScope(scope.type, which)) continue;
        const props = (await this.properties(scope.object.objectId!)).filter((p) => p.value);
        const named = await this.names.inScope(frame, at, props.map((p) => p.name));
        for (const p of props) {
          const name = named.get(p.name)!.name;
          // A binding not reached yet has no value to show, and hides any outer one of its name.
          if (unreached.has(p.name)) seen.add(name);
          else add(name, p.value!);
        }
        if (which === 'args') break;
      }
    }
    if (which !== 'args') return out;
    const names = await this.parameters(frame);
    return names.flatMap((name) => out.filter((v) => v.name === name));
  }

  /** The names of the frame's function's parameters, as the source spells them. */
  private async parameters(frame: number): Promise<string[]> {
    const f = this.frames[frame];
    // Top-level code has none: a CommonJS module's wrapper starts at the file's first character,
    // where parsing a parameter list would take one from the first `(` of a comment.
    if (!f || f.name === '<module>') return [];
    const generated = await parameterNames(this.scripts, f);
    const local = f.snapshot ? f.snapshot.find((v) => v.scope === 'local')?.at : f.scopeChain?.findIndex((s) => s.type === 'local');
    if (local === undefined || local < 0) return generated;
    const named = await this.names.inScope(frame, local, generated);
    return generated.map((name) => named.get(name)!.name);
  }

  async functionStart(frame: number): Promise<{ file: string; line: number } | undefined> {
    const loc = this.frames[frame]?.functionLocation;
    if (!loc) return undefined;
    const pos = this.scripts.position(loc.scriptId, loc.lineNumber, loc.columnNumber ?? 0);
    return { file: pos.file, line: pos.line };
  }

  async functionLocation(value: Value): Promise<{ file: string; line: number } | undefined> {
    const remote = remoteOf(value);
    if (remote.type !== 'function' || !remote.objectId) return undefined;
    // An extracted copy's own location is pmdb's: the original's text stands instead.
    if ((await this.functionText(value)) !== undefined) return undefined;
    const r = await this.client.call('Runtime.getProperties', { objectId: remote.objectId, ownProperties: true });
    const internal = (r.internalProperties ?? []) as Protocol.Runtime.InternalPropertyDescriptor[];
    const location = internal.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as
      | Protocol.Debugger.Location
      | undefined;
    if (!location) return undefined;
    await this.scripts.load([location.scriptId]);
    const pos = this.scripts.position(location.scriptId, location.lineNumber, location.columnNumber ?? 0);
    return { file: pos.file, line: pos.line };
  }

  async functionText(value: Value): Promise<string | undefined> {
    const remote = remoteOf(value);
    if (remote.type !== 'function' || !remote.objectId) return undefined;
    const text = await this.callOn(remote, EXTRACTED_FUNCTION_TEXT);
    return typeof text === 'string' ? text : undefined;
  }

  async propertyNames(value: Value): Promise<string[]> {
    const remote = remoteOf(value);
    if (!remote.objectId) return [];
    const names = await this.callOn(remote, DEBUGGEE_FUNCTIONS.propertyNames);
    return Array.isArray(names) ? (names as string[]) : [];
  }

  loadedFiles(): Promise<string[]> {
    return this.scripts.userFiles();
  }

  sourceLines(file: string): Promise<string[] | undefined> {
    const frame = this.frames.find((f) => f.file === file);
    return this.scripts.lines(file, frame?.scriptId);
  }

  returnValue(frame: number): Value | undefined {
    const remote = this.frames[frame]?.returnValue;
    return remote ? new LiveValue(remote) : undefined;
  }

  async restartFrame(frame: number): Promise<void> {
    const callFrameId = this.frames[frame]?.callFrameId;
    if (!callFrameId || !this.live) throw new EvaluationError('the frame is not live: it cannot be restarted');
    try {
      // Node 20's V8 resumes at once and pauses again at the function's start.
      await this.client.call('Debugger.restartFrame', { callFrameId, mode: 'StepInto' });
    } catch (err) {
      throw new EvaluationError(`V8 cannot restart this frame (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  /** A TypeScript compile error's location, when the escaping error is one. */
  async compileError(): Promise<CompileError | undefined> {
    const remote = this.exception ? remoteOf(this.exception.value) : undefined;
    if (!remote?.objectId) return undefined;
    const message = await this.callOn(remote, DEBUGGEE_FUNCTIONS.compileErrorMessage).catch(() => null);
    // esbuild's first diagnostic: `/abs/file.ts:1:16: ERROR: Unexpected ";"`.
    const m = typeof message === 'string' ? /^(.+):(\d+):(\d+): ERROR: (.*)$/m.exec(message) : null;
    if (!m) return undefined;
    const line = Number(m[2]);
    const lineText = (await this.scripts.lines(m[1]!))?.[line - 1] ?? '';
    return { file: m[1]!, line, column: Number(m[3]), lineText, text: m[4]! };
  }

  /** The whole stop as a dump file's content (see dump/capture.ts). */
  capture(limits?: CaptureLimits): Promise<Dump> {
    const exception = this.exception ? remoteOf(this.exception.value) : undefined;
    return captureDump(
      {
        client: this.client,
        target: this,
        frames: this.frames,
        exception,
        exceptionText: this.exception?.text ?? '',
        live: this.live,
        parameterNames: (frame) => this.parameters(frame),
        sourceNames: async (frame, at, names) => {
          const named = await this.names.inScope(frame, at, names);
          return names.map((name) => named.get(name)!.name);
        },
        unreachedNames: (frame) => this.unreachedNames(frame),
      },
      limits,
    );
  }

  async exceptionRecord(): Promise<ExceptionRecord | undefined> {
    if (!this.exception) return undefined;
    const remote = remoteOf(this.exception.value);
    const thrown: ThrownRecord = remote.objectId
      ? ((await this.callWith(remote, DEBUGGEE_FUNCTIONS.exceptionRecord, [await this.util()])) as ThrownRecord)
      : { type: remote.type, message: remote.description ?? String(remote.value), stack: '' };
    return toExceptionRecord(this.scripts, thrown, this.frames, (file) => this.sourceLines(file));
  }

  async exceptionChain(): Promise<ExceptionSummary[]> {
    if (!this.exception) return [];
    const remote = remoteOf(this.exception.value);
    if (!remote.objectId) return [this.exception];
    const r = await this.client.call('Runtime.callFunctionOn', {
      objectId: remote.objectId,
      functionDeclaration: DEBUGGEE_FUNCTIONS.exceptionChain,
      arguments: [toCallArgument(await this.util())],
      objectGroup: STOP_GROUP,
      silent: true,
    });
    const items = await this.properties(r.result.objectId);
    const chain: ExceptionSummary[] = [];
    for (const item of items) {
      if (/^\d+$/.test(item.name) && item.value) chain.push(await this.summary(item.value));
    }
    return chain;
  }

  async exceptionTarget(index: number): Promise<Target> {
    const chain = await this.exceptionChain();
    const chosen = chain[index];
    if (!chosen || index === chain.length - 1) return this;
    const { frames, olderFramesNotKept } = await unwoundFrames(this.client, this.scripts, remoteOf(chosen.value));
    const view = new LiveTarget(this.client, this.scripts, frames, false, this.extracted, this.thread, this.sessionVariables, olderFramesNotKept);
    view.exception = chosen;
    return view;
  }

  private async summary(remote: RemoteObject): Promise<ExceptionSummary> {
    const value = new LiveValue(remote);
    return { text: await this.summarize(value), value };
  }

  /** `TypeError: message` for errors, `Uncaught <inspected value>` for anything else thrown. */
  private async summarize(value: Value): Promise<string> {
    const remote = remoteOf(value);
    if (remote.objectId) {
      const text = await this.util()
        .then((util) => this.callWith(remote, DEBUGGEE_FUNCTIONS.errorSummary, [util]))
        .catch(() => null);
      if (typeof text === 'string') return text;
    }
    // A primitive runs no code of the program; a value whose getters throw cannot always be
    // printed: say what it is instead.
    const printed = await this.format(value, { pretty: false, colors: false }).catch(
      () => `<${remote.className ?? remote.type} that cannot be printed: its getters throw>`,
    );
    return `Uncaught ${printed}`;
  }

  private async properties(objectId: string): Promise<Protocol.Runtime.PropertyDescriptor[]> {
    const r = await this.client.call('Runtime.getProperties', { objectId, ownProperties: true, objectGroup: STOP_GROUP });
    return r.result as Protocol.Runtime.PropertyDescriptor[];
  }

  /** Node's own util.inspect, taken from the debuggee so values print exactly as Node prints them. */
  private async inspect(): Promise<RemoteObject> {
    if (!this.inspectFn) {
      const r = await this.client.call('Runtime.evaluate', {
        expression: `require('node:util').inspect`,
        includeCommandLineAPI: true,
        objectGroup: 'pmdb-tools',
        silent: true,
      });
      if (r.exceptionDetails || !r.result.objectId) throw new EvaluationError('cannot reach util.inspect in the program');
      this.inspectFn = r.result.objectId as string;
    }
    return { type: 'function', objectId: this.inspectFn };
  }

  /** The program's node:util, for DEBUGGEE_FUNCTIONS that read a thrown value (once per stop). */
  private util(): Promise<RemoteObject> {
    return (this.utilModule ??= programUtil(this.client, STOP_GROUP));
  }

  private async callOn(remote: RemoteObject, functionDeclaration: string): Promise<unknown> {
    return this.callWith(remote, functionDeclaration, []);
  }

  private async callWith(self: RemoteObject, functionDeclaration: string, args: unknown[]): Promise<unknown> {
    const r = await this.client.call('Runtime.callFunctionOn', {
      objectId: self.objectId,
      functionDeclaration,
      arguments: args.map(toCallArgument),
      returnByValue: true,
      silent: true,
    });
    if (r.exceptionDetails) throw new EvaluationError(await this.errorText(r.exceptionDetails));
    return r.result.value;
  }

  private async errorText(details: Protocol.Runtime.ExceptionDetails): Promise<string> {
    const exception = details.exception;
    if (exception) return this.summarize(new LiveValue(exception)).then((t) => t.replace(/^Uncaught /, ''));
    return details.text;
  }
}
