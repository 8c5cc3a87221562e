/**
 * `node --import pmdb/traceback/install app.js`: errors that escape print as pmdb tracebacks
 * (source-mapped, with carets and causes) instead of Node's stack, and the process still exits
 * with the code Node gives an uncaught error (1). When the program has its own
 * `uncaughtException` handler this hook stays out of the way, as Node would not have crashed.
 */
import { writeSync } from 'node:fs';
import { formatException } from './api.js';
import { canColorize } from './colors.js';

const NODE_DEFAULT_STACK_TRACE_LIMIT = 10;
// Python shows every frame; V8 keeps 10 by default. Raise it unless the program chose a limit.
if (Error.stackTraceLimit === NODE_DEFAULT_STACK_TRACE_LIMIT) Error.stackTraceLimit = 100;

const UNCAUGHT_EXIT_CODE = 1;

function printUncaught(error: unknown): void {
  if (process.listenerCount('uncaughtException') > 1) return;
  const text = formatException(error, { colorize: canColorize(process.stderr) }).join('');
  // Synchronous: the process exits right after, and stderr may be an asynchronous pipe.
  writeSync(2, text);
  process.exit(UNCAUGHT_EXIT_CODE);
}

process.on('uncaughtException', printUncaught);
