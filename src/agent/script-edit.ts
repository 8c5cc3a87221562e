// Live edit of a script (a breakpoint condition compiled into it), made synchronous for the front
// end. When the edit changes the function of the top frame, and nothing of that frame has run yet,
// V8 restarts the frame: it runs on by itself at once and pauses again where the function starts
// (V8's setScriptSource → restartFrame, measured on Node 20). That pause is the program's new
// position, not a stop of the user's: it is taken here, and the edit answers once the thread is
// paused again, with that pause (its call frames are the ones to use from now on), so the front
// end's next resume or step applies to it.
//
// From V8 14 (Node 26) live edit is off unless V8's flag --inspector-live-edit is set: every
// setScriptSource fails with "setScriptSource functionality no longer available" (measured on
// Node 26.12, V8 14.6; V8 13.6 of Node 24 has no such flag). The flag is read at each call, so the
// agent sets it before its first edit. Should a later V8 drop live edit altogether, the edit fails
// and the front end falls back to V8's own condition (compiled-conditions.ts).
import { setFlagsFromString } from 'node:v8';
import type { Protocol } from 'devtools-protocol';
import type { Debuggee } from './debuggee.js';
import { within } from '../util/within.js';

export interface ScriptEditRequest {
  scriptId: string;
  scriptSource: string;
  /** The front end expects the edit to restart the top frame. */
  restart: boolean;
}

/** Long enough for any restart to reach its pause; only a wrong expectation waits this long. */
const RESTART_TIMEOUT_MS = 5_000;

export interface ScriptEditResult {
  status?: string;
  exceptionDetails?: unknown;
  /** The pause the restarted frame came to. */
  repaused?: Protocol.Debugger.PausedEvent;
}

/** The first V8 whose live edit needs --inspector-live-edit (an unknown flag would be printed as an error). */
const LIVE_EDIT_FLAG_SINCE_V8 = 14;
let liveEditFlagSet = false;

function enableLiveEdit(): void {
  if (liveEditFlagSet || Number(process.versions.v8.split('.')[0]) < LIVE_EDIT_FLAG_SINCE_V8) return;
  setFlagsFromString('--inspector-live-edit');
  liveEditFlagSet = true;
}

export async function editScript(debuggee: Debuggee, request: ScriptEditRequest): Promise<ScriptEditResult> {
  enableLiveEdit();
  // The exception policy reads function heads from its copy of the source.
  debuggee.policy.forget(request.scriptId);
  const restarted = request.restart ? debuggee.takeNextPause() : undefined;
  let result: ScriptEditResult;
  try {
    result = await debuggee.post<ScriptEditResult>('Debugger.setScriptSource', {
      scriptId: request.scriptId,
      scriptSource: request.scriptSource,
      allowTopFrameEditing: request.restart,
    });
  } catch (error) {
    // No restart comes: the next pause is the program's own again (it was swallowed before).
    if (restarted) debuggee.giveBackNextPause();
    throw error;
  }
  if (!restarted) return result;
  if (result.status !== 'Ok' || result.exceptionDetails) {
    debuggee.giveBackNextPause();
    return result;
  }
  const repaused = await within(restarted, RESTART_TIMEOUT_MS);
  if (!repaused) debuggee.giveBackNextPause();
  return { ...result, repaused };
}
