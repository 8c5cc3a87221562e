// Whether an exception, at a pause for a caught one, is on its way out of the program's ES module
// entry. Node evaluates an entry that it loads as an ES module (a .mjs file, "type": "module", or
// any entry once `--import` is given) inside its module loader, which catches everything: V8's
// `uncaught` prediction never holds there, and pauses only after the stack has unwound
// (V8-FACTS.md). Pausing on caught exceptions stops at the throw instead; this decides, from the
// stack V8's stack-trace API gives (which follows `await` to the awaiting functions), whether
// anything on the way catches: a `try` with a `catch` around the position in a frame of the
// program, a `new Promise` executor, an async function called without `await`. Node's own frames
// pass the error on. What escapes reaches Node's entry runner, or, after a top-level await, the
// entry module itself (V8's await chain stops there), and the process dies of it as it would
// have. Anything unsure counts as caught: pmdb never stops a program that would survive.
import type { Node, Program } from 'acorn';
import type { Protocol } from 'devtools-protocol';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PARSE_OPTIONS, childNodes } from '../util/js-syntax.cjs';
import { offsetOf } from '../util/text-offset.cjs';

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

const RUN_MAIN = 'node:internal/modules/run_main';

export function escapesEntry({ entry, sites, top, source }: EscapeQuestion): boolean {
  const topFile = fileOf(top.url);
  const first = sites.findIndex(([, file, line, column]) => fileOf(file) === topFile && line === top.line + 1 && column === top.column + 1);
  if (first < 0) return false;
  /** The frame below was an async function's: only an `await` takes its rejection. */
  let awaited = false;
  let last: { file: string; toplevel: boolean } | undefined;
  for (const [name, file, line, column, flags] of sites.slice(first)) {
    const awaiting = flags.includes('A');
    if (awaited && !awaiting) return false;
    awaited = false;
    if (file === '') {
      // A built-in: most call back and pass errors on; a promise's executor makes it a rejection.
      if (flags.includes('C') && name === 'Promise') return false;
      if (awaiting && !flags.includes('P')) return false;
      continue;
    }
    if (file.startsWith('node:')) {
      if (file === RUN_MAIN && name === 'asyncRunEntryPointWithESMLoader') return true;
      continue;
    }
    const text = source(file);
    const at = text === undefined ? undefined : positionIn(file, text, line, column);
    if (!at || at.caught) return false;
    // V8's chain leads from a promise to the await that takes it through `.catch()` and the like.
    if (awaiting && !at.awaitsCall) return false;
    awaited = at.async && !at.toplevel;
    last = { file, toplevel: at.toplevel };
  }
  // After a top-level await V8's chain ends at the module that awaited: the entry's own rejection
  // kills the process (a module it imports may have been imported by import(), which can catch).
  return last !== undefined && last.toplevel && pathOf(last.file) === pathOf(entry);
}

interface Position {
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

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

function positionIn(url: string, text: string, line: number, column: number): Position | undefined {
  const program = parsed(url, text);
  if (!program) return undefined;
  const offset = offsetOf(text, line - 1, column - 1);
  const at: Position = { caught: false, async: false, toplevel: true, awaitsCall: false };
  let node: Node = program;
  for (;;) {
    const inner = [...childNodes(node)].find(([, child]) => child.start <= offset && offset < child.end);
    if (!inner) return at;
    const [key, child] = inner;
    if (node.type === 'TryStatement' && key === 'block' && (node as Node & { handler: unknown }).handler) at.caught = true;
    if (child.type === 'AwaitExpression') at.awaitsCall = awaitsCall(child);
    if (FUNCTIONS.has(child.type) || child.type === 'StaticBlock' || child.type === 'PropertyDefinition') {
      // A class field's initializer and a static block run as functions of their own.
      const fn = child as Node & { async?: boolean };
      Object.assign(at, { caught: false, async: Boolean(fn.async), toplevel: false, awaitsCall: false });
    }
    node = child;
  }
}

const programs = new Map<string, { text: string; program: Program | undefined }>();

function parsed(url: string, text: string): Program | undefined {
  const known = programs.get(url);
  if (known?.text === text) return known.program;
  // Loaded only here, at a caught exception in an entry being evaluated.
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

/** A script's file as a path: V8 names some scripts by path, some by file: URL, and not always alike. */
function fileOf(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

/** The names a script of this file may have, for looking it up among the scripts V8 reported. */
export function scriptNames(file: string): string[] {
  return file.startsWith('/') ? [file, pathToFileURL(file).href] : [file, fileOf(file)];
}

function pathOf(file: string): string {
  const path = fileOf(file);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The window in which caught exceptions pause: while Node evaluates the entry. It closes where
 * Node's module job for the entry has run it (a breakpoint at this line of
 * node:internal/modules/esm/module_job, on `this.isMain`), or after WINDOW_PAUSES pauses, so that
 * a program that lives in its top-level await does not pay a pause per caught exception for
 * long. The 0-based line, or -1 if this Node's source is not as expected (no window then).
 */
function entryDoneLine(moduleJobSource: string): number {
  const run = moduleJobSource.indexOf('async run(');
  const done = run < 0 ? -1 : moduleJobSource.indexOf('return { __proto__: null, module: this.module };', run);
  return done < 0 ? -1 : moduleJobSource.slice(0, done).split('\n').length - 1;
}

export const MODULE_JOB = 'node:internal/modules/esm/module_job';
const WINDOW_PAUSES = 200;

/** A window's state, for whichever session keeps it (entry-window.cts, agent-entry-window.ts). */
export class EntryWindowState {
  open = true;
  /** The breakpoint at the entry's end. */
  done?: string;
  private pauses = 0;

  /** What a pause means to the window: its end, its budget of caught exceptions spent, or nothing. */
  observe(paused: Protocol.Debugger.PausedEvent): 'end' | 'spent' | undefined {
    if (!this.open) return undefined;
    if (this.done && paused.hitBreakpoints?.includes(this.done)) return 'end';
    const exception = paused.reason === 'exception' || paused.reason === 'promiseRejection';
    const caught = exception && !(paused.data as { uncaught?: boolean } | undefined)?.uncaught;
    return caught && ++this.pauses > WINDOW_PAUSES ? 'spent' : undefined;
  }

  /** Where the window ends, in Node's module job script; undefined if its source is not as expected. */
  static doneBreakpoint(scriptId: string, source: string): Protocol.Debugger.SetBreakpointRequest | undefined {
    const lineNumber = entryDoneLine(source);
    return lineNumber < 0 ? undefined : { location: { scriptId, lineNumber }, condition: 'this.isMain' };
  }
}

/** Whether Node will run this process's entry through its ES module loader (main thread, before it does). */
export function entryRunsAsModule(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (flags.some((f) => /^--(import|loader|experimental-loader|experimental-default-type=module)\b/.test(f))) return true;
  const entry = process.argv[1];
  if (!entry) return false;
  if (/\.m[jt]s$/.test(entry)) return true;
  if (/\.c[jt]s$/.test(entry)) return false;
  // .js, .ts or no extension: the nearest package.json says.
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) return false;
    }
  }
}
