// Runs in the paused frame: V8 appends the awaiting callers of the current async function to a
// captured stack at no cost, where Debugger.setAsyncCallStackDepth would slow every await.
// Evaluated code has no file name, only its sourceURL (the armed REPL's `REPL3`), and V8 names
// its functions without a name `eval`.
export const AWAITING_CALLERS = `(() => {
  const prepare = Error.prepareStackTrace, limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 200;
    Error.prepareStackTrace = (_, sites) => sites.filter((s) => s.isAsync()).map((s) =>
      [(s.isEval() && s.getFunctionName() === 'eval' ? '' : s.getFunctionName()) || '', s.getFileName() || s.getScriptNameOrSourceURL() || '', s.getLineNumber() || 0, s.getColumnNumber() || 0]);
    const holder = {};
    Error.captureStackTrace(holder);
    return holder.stack;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
})()`;

/** One awaiting caller as AWAITING_CALLERS gives it: name, file or URL, 1-based line and column. */
export type AwaitingCaller = [string, string, number, number];
