// pm() and postMortem(err), Python's pdb.pm() and pdb.post_mortem(): the prompt on the state kept
// when an error was thrown. Only an armed process keeps such states (agent/snapshots.ts): the
// agent answers through the stop below. CommonJS, so that the preload and the armed REPL share
// this module with the package's ES entry (which imports it): one record of the last escape.
import { stopHere } from './stop-here.cjs';

/** The last error that reached Node's uncaught-exception path (a listener may take it there) or escaped the armed REPL. */
let lastEscaped: { error: unknown } | undefined;

/** Called where pmdb sees an error escape (preload.cts, armed-repl.cts). */
export function noteEscaped(error: unknown): void {
  lastEscaped = { error };
}

/**
 * Opens the pmdb prompt on the state captured when `error` was thrown, and returns when the user
 * continues. Without such a capture (the process is not armed by pmdb, or the error was caught
 * where it was thrown, which V8 does not report), one line on stderr says so; never throws.
 */
export function postMortem(error: unknown): void {
  const reply: Reply = {};
  requestPostMortem(error, reply);
  if (!reply.found) complain(reply, 'no capture of that error (it was caught where it was thrown)');
}

/** postMortem() of the last error that escaped (an uncaught one, or one the armed REPL printed). */
export function pm(): void {
  const reply: Reply = {};
  requestPostMortem(lastEscaped ? lastEscaped.error : NOTHING, reply);
  if (!reply.found) complain(reply, lastEscaped ? 'no capture of the last error that escaped' : 'no error has escaped yet');
}

interface Reply {
  /** Set by the agent. */
  armed?: boolean;
  found?: boolean;
}

/** An error no capture can hold: asks only whether the agent is there. */
const NOTHING = {};

function complain(reply: Reply, why: string): void {
  process.stderr.write(`pmdb: ${reply.armed ? why : 'not running under pmdb'}\n`);
}

/**
 * The agent knows this stop by this function's name (agent/worker.ts): it looks `error` up among
 * its captures, answers in `reply`, and stops with the capture if it has one.
 */
function requestPostMortem(error: unknown, reply: Reply): void {
  stopHere();
  void error;
  void reply;
}
