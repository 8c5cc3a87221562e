/**
 * `node --import pmdb/traceback/install app.js`: errors that escape print as pmdb tracebacks
 * (source-mapped, with carets and causes) instead of Node's stack, and the process still exits
 * with the code Node gives an uncaught error (1). When the program has its own
 * `uncaughtException` handler this hook stays out of the way, as Node would not have crashed.
 */
import { writeSync } from 'node:fs';
import { canColorize } from './colors.js';
import { TracebackException } from './traceback-exception.js';

const NODE_DEFAULT_STACK_TRACE_LIMIT = 10;
// Python shows every frame; V8 keeps 10 by default. Raise it unless the program chose a limit.
if (Error.stackTraceLimit === NODE_DEFAULT_STACK_TRACE_LIMIT) Error.stackTraceLimit = 100;

const UNCAUGHT_EXIT_CODE = 1;

/**
 * A monitor, not a handler: it runs just before Node would print the error itself, so an error
 * this hook cannot place is left to Node. That is an ES module that fails to parse: Node keeps
 * where it failed to itself (no frame, no location in `stack`) and prints it with the line.
 */
function printUncaught(error: unknown): void {
  if (process.listenerCount('uncaughtException') > 0) return;
  const exc = new TracebackException(error);
  if (exc.excType === 'SyntaxError' && !exc.syntaxLocation && exc.stack.length === 0) return;
  // Synchronous: the process exits right after, and stderr may be an asynchronous pipe.
  writeSync(2, exc.format({ colorize: canColorize(process.stderr) }).join(''));
  process.exit(UNCAUGHT_EXIT_CODE);
}

process.on('uncaughtExceptionMonitor', printUncaught);
