// Errors that Node's vm layer rethrows: code run by `vm` (`node -e`, `node -p`, `node - < file`,
// `vm.runInThisContext` and friends) throws into a C++ TryCatch, which decorates the error and
// rethrows it; V8 pauses on uncaught exceptions at that rethrow, in the JavaScript frame that
// called into vm (node:vm, node:internal/vm), the throwing frames already gone. On Node 20 and 22
// (V8 11-12) the rethrow's pending message is cleared by any JavaScript that runs during that
// pause (measured: one `Debugger.evaluateOnCallFrame` of `1` is enough, as is a same-thread
// session's own event listener); without the message V8 never reports the error to Node, and the process
// went on as if nothing was thrown: exit 0, no report. Node 24 and 26 keep the message.
//
// V8's inspector matching blackbox patterns (a RegExp run in the debuggee's isolate) at that
// rethrow clears it too, on Node 20 and 22, for a frame V8 had not asked about before (measured
// in a timer callback: lost with the pattern `^node:`, kept with none).
//
// So pmdb does not stop there: Node's fatal path (uncaughtExceptionMonitor, preload.cts) stops or
// dumps the error, with its frames rebuilt from the stack. At the pause, each session hands the
// error to reportIfLost, which rethrows it from the next tick unless Node reported it meanwhile
// (it does at once when the message survived): one path on every version. Too late for a vm
// rethrow inside a callback on Node 20 and 22: Node aborts first (`async hook stack has become
// corrupted`). (Blackboxing by range instead of patterns avoided that in the agent, but made a
// worker thread's timer crash vanish on Node 26: not taken.)
import type { Protocol } from 'devtools-protocol';

/** Evaluated in the paused thread: reportIfLost, for a Runtime.callFunctionOn with the error (REPORT_CALL). */
export const REPORT_IF_LOST = `require(${JSON.stringify(__filename)}).reportIfLost`;
export const REPORT_CALL = 'function (thrown) { this(thrown); }';

const VM_SCRIPTS = new Set(['node:vm', 'node:internal/vm']);

/**
 * A pause pmdb must let go untouched: `vm`, a vm rethrow; `again`, reportIfLost's own throw.
 * `url` knows the thread's scripts.
 */
export function untouchable(paused: Protocol.Debugger.PausedEvent, url: (scriptId: string) => string | undefined): 'vm' | 'again' | undefined {
  const top = paused.callFrames[0];
  if (paused.reason !== 'exception' || !top) return undefined;
  const file = url(top.location.scriptId) ?? '';
  if (VM_SCRIPTS.has(file)) return 'vm';
  return top.functionName === rethrowLost.name && file.endsWith(OWN_FILE) ? 'again' : undefined;
}

/** This file, as its scripts are named (a path for CommonJS). */
const OWN_FILE = '/vm-rethrow.cjs';

/** The scripts untouchable() asks about, for a session that keeps no table of its own. */
export function scriptsToKnow(): { parsed(params: Protocol.Debugger.ScriptParsedEvent): void; url(scriptId: string): string | undefined } {
  const urls = new Map<string, string>();
  return {
    parsed: ({ scriptId, url }) => {
      if (VM_SCRIPTS.has(url) || url.endsWith(OWN_FILE)) urls.set(scriptId, url);
    },
    url: (scriptId) => urls.get(scriptId),
  };
}

/** The last error Node's fatal path has seen (preload.cts notes each). */
let reported: { error: unknown } | undefined;

export function noteReported(error: unknown): void {
  reported = { error };
}

/** At a vm rethrow the session's own listener ran at: the error, again, unless Node saw it. */
export function reportIfLost(error: unknown): void {
  process.nextTick(rethrowLost, error);
}

function rethrowLost(error: unknown): void {
  if (reported?.error === error) return;
  throw error;
}
