// `pmdb` with no script: Node's REPL, armed like IPython with `%pdb on`. This is the program the
// front end debugs (cli/script-session.ts in REPL mode). It is Node's own REPL (line editing,
// completion, history, `.commands`, multi-line input, `_`) with one difference, how a line runs
// (repl-line.cts): from a fresh stack with nothing to catch what escapes, so that V8 reports the
// error where it is thrown and pmdb stops there, frames alive. When the user continues, the
// error goes on to the REPL's domain, which prints it as Node's REPL does, and the REPL goes on
// with its state. `pm()` and `postMortem(err)` are globals here.
import * as repl from 'node:repl';
import * as vm from 'node:vm';
import { isIncomplete, prepareLine, withSourceUrl, type PreparedLine } from './repl-line.cjs';
import { noteEscaped, pm, postMortem } from './post-mortem.cjs';
import { stopHere } from './stop-here.cjs';

type Done = (err: Error | null, value?: unknown) => void;

process.stdout.write(
  `Welcome to Node.js ${process.version}, armed by pmdb.\n` +
    'Errors escaping a line stop at (Pmdb) where thrown; pm() reopens the last one.\n' +
    'Type ".help" for more information.\n',
);

// Node's own REPL options (lib/internal/repl.js), as `node` alone starts it.
const historySize = Number(process.env.NODE_REPL_HISTORY_SIZE);
const server = repl.start({
  prompt: '> ',
  eval: armedEval,
  useGlobal: true,
  ignoreUndefined: false,
  // Readline's option, passed through by the REPL (its types leave it out).
  ...{ historySize: historySize > 0 ? historySize : 1000 },
  ...(Number.parseInt(process.env.NODE_NO_READLINE ?? '') ? { terminal: false } : {}),
  // Node 26's REPL calls this with every error it is about to print (older ones ignore it).
  ...{ handleError: (error: unknown) => (escapedLine(error), 'print') },
});
const input = process.stdin;

Object.defineProperties(globalThis, {
  pm: { value: pm, writable: true, configurable: true },
  postMortem: { value: postMortem, writable: true, configurable: true },
});

/** Errors the REPL reports that no line threw: the input did not parse, or was given up. */
const notThrown = new WeakSet<object>();

/** Gives up the line that awaits, if one does. */
let abandonLine: (() => void) | undefined;
// As Node's REPL, Ctrl-C gives up a line that awaits: Ctrl-C pauses the REPL at pmdb's prompt, and
// when the user continues from there, pmdb calls this (cli/armed-repl.ts).
Object.defineProperty(process, Symbol.for('pmdb.armedRepl.interrupted'), {
  value: () => setImmediate(() => abandonLine?.()),
});

// The REPL takes every error that escapes (a line's, a timer's): none ends this process. Node 26
// hands them to the REPL through an auxiliary capture callback that
// process.hasUncaughtExceptionCaptureCallback() does not count, so the preload asks this mark.
Object.defineProperty(process, Symbol.for('pmdb.armedRepl.takesErrors'), { value: true });

// Every error a line lets escape reaches the REPL, which prints it. Up to Node 24 it comes through
// the REPL's domain (for V8, a capture callback: see exception-policy.ts, which this mark tells
// that the error escaped); Node 26's REPL has no domain, and hands it to `handleError` above.
const domain = (server as unknown as { _domain?: NodeJS.EventEmitter & Record<symbol, unknown> })._domain;
if (domain) {
  domain[Symbol.for('pmdb.armedRepl')] = true;
  domain.prependListener('error', escapedLine);
}

/** An error the REPL is about to print: one a line let escape stops pmdb first, where kept. */
function escapedLine(error: unknown): void {
  if (typeof error === 'object' && error !== null && notThrown.has(error)) return;
  forgetDomain(error);
  trimStack(error);
  noteEscaped(error);
  escapedToRepl(error);
  abandonLine = undefined;
  lineEnded();
}

server.setupHistory(server.terminal ? (process.env.NODE_REPL_HISTORY as string) : '', () => {});
server.on('exit', () => {
  const flushing = (server as unknown as { _flushing?: boolean })._flushing;
  if (flushing) server.once('flushHistory', () => process.exit());
  else process.exit();
});

function armedEval(code: string, _context: unknown, file: string, done: Done): void {
  if (code === '\n') return done(null);
  let line: PreparedLine;
  try {
    line = prepare(code, file);
    if (line.declarations) vm.runInThisContext(line.declarations, { filename: file, displayErrors: false });
  } catch (err) {
    for (const e of [err, (err as { err?: unknown }).err]) if (typeof e === 'object' && e !== null) notThrown.add(e);
    return done(err as Error);
  }
  // Out of readline's keypress handler, which catches (and rethrows) what its listeners throw.
  setImmediate(runLine, line, done);
}

/** Throws what Node's REPL reports for input that does not parse: Recoverable, or V8's error. */
function prepare(code: string, file: string): PreparedLine {
  let line: PreparedLine;
  try {
    line = prepareLine(code, file);
  } catch (parseError) {
    if (isIncomplete(code)) throw new repl.Recoverable(parseError as Error);
    new vm.Script(code, { filename: file });
    // Syntax newer than pmdb's parser: run as written (its let and const will not last).
    return { declarations: '', code: withSourceUrl(code, file), awaits: false };
  }
  // V8's own early errors, which the parser may not check.
  new vm.Script(line.code, { filename: file });
  return line;
}

/** No try/catch here: what the line throws escapes to the REPL's domain, and pmdb sees it as uncaught. */
function runLine(line: PreparedLine, done: Done): void {
  lineStarts();
  const value = (0, eval)(line.code);
  if (!line.awaits) {
    lineEnded();
    done(null, value);
    return;
  }
  const promise = value as Promise<unknown>;
  const finish = (err: Error | null, result?: unknown) => {
    if (abandonLine !== abandon) return;
    abandonLine = undefined;
    lineEnded();
    if (err) notThrown.add(err);
    done(err, result);
  };
  const abandon = () => {
    // Whatever the line does later is nobody's concern.
    promise.catch(() => {});
    finish(interrupted());
  };
  abandonLine = abandon;
  // No rejection handler: V8 reports a rejection where it is thrown, and Node hands it to the domain.
  void promise.then((result) => finish(null, result));
}

/** Node's REPL's words for a line given up. */
function interrupted(): Error {
  const error = new Error('Script execution was interrupted by `SIGINT`');
  error.stack = `Error [ERR_SCRIPT_EXECUTION_INTERRUPTED]: ${error.message}`;
  return error;
}

/** Holds the process while a line awaits something that keeps no handle open. */
let keepAlive: NodeJS.Timeout | undefined;

/**
 * While a line runs, the REPL reads no input (as Node's REPL while it awaits) and the terminal is
 * in its normal mode, so that Ctrl-C is a signal: pmdb pauses the line, as it pauses a script.
 */
function lineStarts(): void {
  server.pause();
  keepAlive = setInterval(() => {}, 2 ** 30);
  if (input.isTTY && input.isRaw) input.setRawMode(false);
}

/** Back to the prompt's raw mode, whatever a stop in between left the terminal in. */
function lineEnded(): void {
  clearInterval(keepAlive);
  if (input.isTTY && server.terminal) input.setRawMode(true);
}

/** The marks the domain put on the error, which Node's REPL removes before printing it. */
function forgetDomain(error: unknown): void {
  const marked = error as { domain?: unknown; domainThrown?: unknown };
  try {
    if (!marked.domainThrown) return;
    delete marked.domain;
    delete marked.domainThrown;
  } catch {
    // Not an object, or a hostile one: nothing was marked.
  }
}

/**
 * Node's REPL shows an escaped error's stack down to the line's own code: the frames that ran it
 * are cut. pmdb has read the stack at its stop, too early for Node's trimming: trim it here, to
 * what Node's REPL prints.
 */
function trimStack(error: unknown): void {
  try {
    if (!(error instanceof Error) || typeof error.stack !== 'string') return;
    const lines = error.stack.split('\n');
    // The line's own frame is the lowest of it: everything below ran it.
    let end = lines.length;
    while (end > 1 && !LINE_FRAME.test(lines[end - 1]!)) end--;
    if (end === 1) end = lines.length;
    else end--;
    while (end > 1 && isRunnerFrame(lines[end - 1]!)) end--;
    // Functions without a name in evaluated code are `eval` to V8, where a script's are nameless.
    const kept = lines.slice(0, end).map((l) => l.replace(EVAL_NAMED, '$1$2'));
    if (kept.join('\n') !== error.stack) error.stack = kept.join('\n');
  } catch {
    // A hostile error (a throwing getter): Node's REPL prints what it can.
  }
}

/** Node's and pmdb's frames below a line: `(node:internal/...)`, `eval (<anonymous>)`, this file's. */
const isRunnerFrame = (line: string): boolean => /^\s+at (?:eval \(<anonymous>\)$|.*\(node:|node:)/.test(line) || line.includes(__filename);
/** The line's own code: `at eval (REPL3:1:1)`, or the arrow of a line with await. */
const LINE_FRAME = /^\s+at (?:async )?(?:eval \()?REPL\d+:\d+:\d+\)?$/;
const EVAL_NAMED = /^(\s+at (?:async )?)eval \((REPL\d+:\d+:\d+)\)$/;

/**
 * The agent knows this stop by this function's name (worker.ts): an error a line let escape.
 * One pmdb stopped on at its throw goes on at once; any other (a rejection nobody handled, a
 * stack overflow) stops here, on what was kept of it.
 */
function escapedToRepl(thrown: unknown): void {
  stopHere();
  void thrown;
}
