// The `pmdb` package's debugger API, Python's pdb.set_trace(), pdb.post_mortem() and pdb.pm().

/**
 * Stop here at the pmdb prompt, as Python's pdb.set_trace() or breakpoint(): the prompt opens in
 * the caller (pmdb hides this file's frames). Does nothing when the program does not run under
 * pmdb, or when PMDB_BREAKPOINT=0, as PYTHONBREAKPOINT=0 turns breakpoint() off.
 */
export function setTrace(): void {
  if (process.env.PMDB_BREAKPOINT === '0') return;
  debugger;
}

/**
 * `postMortem(err)`: the pmdb prompt on the state captured when `err` was thrown, as
 * pdb.post_mortem(tb); it returns when the user continues (`c`). `pm()`: the same for the last
 * error that escaped (to Node's fatal path, a process `uncaughtException`/`unhandledRejection`
 * listener, or the armed REPL's prompt), as pdb.pm().
 *
 * A process armed by pmdb (`pmdb SCRIPT`, the `pmdb` REPL, `pmdb run`, `pmdb/register`) keeps a
 * capture (every frame's variables, values as they were) of each of its last 16 errors that V8
 * reported on their way out: uncaught throws, errors a process-level handler took, promises
 * rejected before anything listened (even if a `catch` took them later). A throw that a `catch`
 * was already waiting for costs nothing and is not captured: for it, and when the process is not
 * armed, one line on stderr says so and the call returns. Neither function ever throws. Under
 * `pmdb/register` (no terminal), postMortem writes a dump instead.
 *
 *     process.on('unhandledRejection', (reason) => postMortem(reason));
 *     process.on('uncaughtException', () => pm());
 */
export { pm, postMortem } from './agent/post-mortem.cjs';
