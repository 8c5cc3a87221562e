// Whether an exception, at a pause for a caught one, is on its way out of the program's ES module
// entry. Node evaluates an entry that it loads as an ES module (a .mjs file, "type": "module", or
// any entry once `--import` is given) inside its module loader, which catches everything: V8's
// `uncaught` prediction never holds there, and pauses only after the stack has unwound
// (V8-FACTS.md). Pausing on caught exceptions stops at the throw instead; this decides, from the
// stack V8's stack-trace API gives (which follows `await` to the awaiting functions), whether
// anything on the way catches: a `try` with a `catch` around the position in a frame of the
// program, an async function called without `await`; a `new Promise` executor makes it a
// rejection, whose fate is not known yet. Node's own frames
// pass the error on. What escapes reaches Node's entry runner, or, after a top-level await, the
// entry module itself (V8's await chain stops there), and the process dies of it as it would
// have. Anything unsure counts as caught: pmdb never stops a program that would survive.
import type { Node, Program } from 'acorn';
import type { Protocol } from 'devtools-protocol';
import { realpathSync } from 'node:fs';
import { scriptNames, urlToFile } from '../util/file-url.cjs';
import { PARSE_OPTIONS, childNodes, runsAsFunction } from '../util/js-syntax.cjs';
import { offsetOf } from '../util/text-offset.cjs';
import { WORKER_MAIN } from './entry-window-state.cjs';

/** [function name, file or URL, line, column (1-based), flags: A awaiting, C constructor, P Promise.all]. */
export type Site = [string, string, number, number, string];

/**
 * Evaluated on the paused top frame: the entry's path and every frame V8's stack-trace API sees,
 * the evaluation's own (and, on a same-thread session, its handler's) on top.
 */
export const STACK_SITES = `(() => {
  const prepare = Error.prepareStackTrace, limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 500;
    Error.prepareStackTrace = (_, sites) => sites.map((s) => [s.getFunctionName() || '', s.getFileName() || '', s.getLineNumber() || 0,
      s.getColumnNumber() || 0, (s.isAsync() ? 'A' : '') + (s.isConstructor() ? 'C' : '') + (s.isPromiseAll() ? 'P' : '')]);
    const holder = {};
    Error.captureStackTrace(holder);
    return { entry: process.argv[1] || '', sites: holder.stack };
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
})()`;

export interface EscapeQuestion {
  entry: string;
  sites: Site[];
  /** The paused top frame: its script's URL and 0-based position (CDP's). */
  top: { url: string; line: number; column: number };
  /** A script's source by URL, as V8 runs it; undefined when unknown. */
  source(url: string): string | undefined;
}

/** What STACK_SITES gives. */
export interface PausedStack {
  entry: string;
  sites: Site[];
}

/** The request (Debugger.evaluateOnCallFrame) that reads the stack at this pause. */
export function stackRequest(paused: Protocol.Debugger.PausedEvent): Protocol.Debugger.EvaluateOnCallFrameRequest {
  return { callFrameId: paused.callFrames[0]!.callFrameId, expression: STACK_SITES, returnByValue: true, silent: true };
}

/** The thread's scripts, as each keeper of the window knows them. */
export interface KnownScripts {
  url(scriptId: string): string | undefined;
  id(url: string): string | undefined;
  /** The source of a script already at hand; undefined if not. */
  source(scriptId: string): string | undefined;
}

/** escapesEntry's question at this pause; a file on the stack is found under either name. */
export function escapeQuestion(paused: Protocol.Debugger.PausedEvent, stack: PausedStack, scripts: KnownScripts): EscapeQuestion {
  const { location } = paused.callFrames[0]!;
  return {
    ...stack,
    top: { url: scripts.url(location.scriptId) ?? '', line: location.lineNumber, column: location.columnNumber ?? 0 },
    source: (url) => {
      const id = scriptIdOf(url, scripts);
      return id === undefined ? undefined : scripts.source(id);
    },
  };
}

/** The script of a file the stack names, under either of its names. */
export function scriptIdOf(file: string, scripts: Pick<KnownScripts, 'id'>): string | undefined {
  return scriptNames(file).map((name) => scripts.id(name)).find((id) => id !== undefined);
}

const RUN_MAIN = 'node:internal/modules/run_main';
/** Where Node runs code given with -e/-p or on stdin: what reaches them escapes (entry-kind.cts). */
const EVAL_MAINS = new Set(['node:internal/main/eval_string', 'node:internal/main/eval_stdin']);
/**
 * The frame that drains the microtask queue from JavaScript. When it resumed an async function,
 * V8 lists it below that function and above its awaiting callers: it is not a caller. Node
 * drains the queue there when `process.nextTick` callbacks are pending, else from C++ (no frame).
 */
const MICROTASK_RUNNER = ['processTicksAndRejections', 'node:internal/process/task_queues'];

/**
 * `escapes`: the error leaves the entry, and the process dies of it. `rejection`: a promise's
 * executor turns it into that promise's rejection, which something may or may not handle later
 * (V8 11 reported it as uncaught, V8 12 and later predict it caught inside a module's evaluation).
 * `caught`: something catches it, or pmdb cannot tell.
 */
export type EntryEscape = 'escapes' | 'rejection' | 'caught';

export function escapesEntry({ entry, sites, top, source }: EscapeQuestion): EntryEscape {
  const first = topSiteIndex(sites, top);
  if (first < 0) return 'caught';
  let last: { file: string; toplevel: boolean } | undefined;
  const { done } = walkStack<EntryEscape>(sites, first, ([name, file, line, column, flags], { awaiting, receiving }) => {
    // Only an `await` takes an async function's rejection here.
    if (receiving && !awaiting) return { done: 'caught' };
    if (file === '') {
      // A built-in: most call back and pass errors on; a promise's executor makes it a rejection.
      if (flags.includes('C') && name === 'Promise') return { done: 'rejection' };
      if (awaiting && !flags.includes('P')) return { done: 'caught' };
      return { receiving: false };
    }
    if (file.startsWith('node:')) {
      if ((file === RUN_MAIN && name === 'asyncRunEntryPointWithESMLoader') || EVAL_MAINS.has(file)) return { done: 'escapes' };
      // A worker thread's start-up: what gets there, Node rethrows as the worker's uncaught error.
      if (file === WORKER_MAIN) return { done: 'escapes' };
      return { receiving: false };
    }
    const text = source(file);
    const at = text === undefined ? undefined : positionIn(file, text, line, column);
    if (!at || at.caught) return { done: 'caught' };
    // V8's chain leads from a promise to the await that takes it through `.catch()` and the like.
    if (awaiting && !at.awaitsCall) return { done: 'caught' };
    last = { file, toplevel: at.toplevel };
    return { receiving: at.async && !at.toplevel };
  });
  if (done) return done;
  // After a top-level await V8's chain ends at the module that awaited: the entry's own rejection
  // kills the process (a module it imports may have been imported by import(), which can catch).
  return last !== undefined && last.toplevel && pathOf(last.file) === pathOf(entry) ? 'escapes' : 'caught';
}

/** Where the paused top frame (CDP's 0-based position) is among the stack-trace API's frames; -1 if not. */
export function topSiteIndex(sites: Site[], top: { url: string; line: number; column: number }): number {
  const topFile = urlToFile(top.url);
  return sites.findIndex(([, file, line, column]) => urlToFile(file) === topFile && line === top.line + 1 && column === top.column + 1);
}

/** What a step of the walk decides: the answer, or whether the next frame holds a promise instead of the error. */
export type WalkStep<R> = { done: R } | { receiving: boolean };

/**
 * Walks down the stack from a throw, frame by frame, as far as the error (or the promise it
 * rejects) travels. `receiving`: the frame above was an async function (or a promise's executor)
 * that turned the error into its promise's rejection, so this frame holds that promise, not the
 * error; `awaiting`: V8's chain reached this frame through its `await`. The frame that drains the
 * microtask queue stands between a resumed async function and its awaiting callers: skipped.
 */
export function walkStack<R>(
  sites: Site[],
  from: number,
  step: (site: Site, facts: { awaiting: boolean; receiving: boolean }) => WalkStep<R>,
): { done?: R; receiving: boolean } {
  let receiving = false;
  for (const site of sites.slice(from)) {
    const [name, file, , , flags] = site;
    if (receiving && name === MICROTASK_RUNNER[0] && file === MICROTASK_RUNNER[1]) continue;
    const next = step(site, { awaiting: flags.includes('A'), receiving });
    if ('done' in next) return { done: next.done, receiving };
    receiving = next.receiving;
  }
  return { receiving };
}

export interface Position {
  /** Inside a `try` block with a `catch`, in the innermost function around it. */
  caught: boolean;
  /** That function is async (an async generator too). */
  async: boolean;
  /** Top-level code: no function around it. */
  toplevel: boolean;
  /**
   * The innermost `await` around it awaits a plain call: `await main()`, not `await p` nor
   * `await work().catch(...)`, whose errors may be handled before they get there.
   */
  awaitsCall: boolean;
}

const HANDLERS = new Set(['catch', 'then', 'finally']);

function awaitsCall(node: Node): boolean {
  const argument = (node as Node & { argument: Node & { callee?: Node & { property?: Node & { name?: string } } } }).argument;
  if (argument.type !== 'CallExpression') return false;
  const callee = argument.callee!;
  return !(callee.type === 'MemberExpression' && HANDLERS.has(callee.property?.name ?? ''));
}

/** A position in a frame, 1-based as V8's stack-trace API gives it. */
export function positionIn(url: string, text: string, line: number, column: number): Position | undefined {
  const path = pathTo(url, text, line, column);
  if (!path) return undefined;
  const at: Position = { caught: false, async: false, toplevel: true, awaitsCall: false };
  for (const [key, child, node] of path) {
    if (node.type === 'TryStatement' && key === 'block' && (node as Node & { handler: unknown }).handler) at.caught = true;
    if (child.type === 'AwaitExpression') at.awaitsCall = awaitsCall(child);
    if (runsAsFunction(child)) {
      const fn = child as Node & { async?: boolean };
      Object.assign(at, { caught: false, async: Boolean(fn.async), toplevel: false, awaitsCall: false });
    }
  }
  return at;
}

/**
 * The syntax nodes around a position, outermost first: each with the property it hangs from and
 * its parent. Undefined when the source does not parse.
 */
export function pathTo(url: string, text: string, line: number, column: number): [key: string, child: Node, parent: Node][] | undefined {
  const program = parsed(url, text);
  if (!program) return undefined;
  const offset = offsetOf(text, line - 1, column - 1);
  const path: [string, Node, Node][] = [];
  for (let node: Node = program; ; ) {
    const inner = [...childNodes(node)].find(([, child]) => child.start <= offset && offset < child.end);
    if (!inner) return path;
    path.push([inner[0], inner[1], node]);
    node = inner[1];
  }
}

const programs = new Map<string, { text: string; program: Program | undefined }>();

export function parsed(url: string, text: string): Program | undefined {
  const known = programs.get(url);
  if (known?.text === text) return known.program;
  // Loaded only here, at a caught exception in an entry being evaluated or judged (nearest-handler.ts).
  const { parse } = require('acorn') as typeof import('acorn');
  let program: Program | undefined;
  for (const sourceType of ['module', 'script'] as const) {
    try {
      program = parse(text, { ...PARSE_OPTIONS, sourceType });
      break;
    } catch {
      // A CommonJS file may be sloppy-mode script.
    }
  }
  programs.set(url, { text, program });
  return program;
}

/** The window is closed: the program's syntax trees are not kept in its memory. */
export function forgetPrograms(): void {
  programs.clear();
}

function pathOf(file: string): string {
  const path = urlToFile(file);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
