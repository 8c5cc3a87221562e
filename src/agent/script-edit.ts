// Live edit of a script (a breakpoint condition compiled into it), made synchronous for the front
// end. When the edit changes the function of the top frame, and nothing of that frame has run yet,
// V8 restarts the frame: it runs on by itself at once and pauses again where the function starts
// (V8's setScriptSource → restartFrame, measured on Node 20). That pause is the program's new
// position, not a stop of the user's: it is taken here, and the edit answers once the thread is
// paused again, with that pause (its call frames are the ones to use from now on), so the front
// end's next resume or step applies to it.
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

export async function editScript(debuggee: Debuggee, request: ScriptEditRequest): Promise<ScriptEditResult> {
  // The exception policy reads function heads from its copy of the source.
  debuggee.policy.forget(request.scriptId);
  const restarted = request.restart ? debuggee.takeNextPause() : undefined;
  const result = await debuggee.post<ScriptEditResult>('Debugger.setScriptSource', {
    scriptId: request.scriptId,
    scriptSource: request.scriptSource,
    allowTopFrameEditing: request.restart,
  });
  if (!restarted) return result;
  if (result.status !== 'Ok' || result.exceptionDetails) {
    debuggee.giveBackNextPause();
    return result;
  }
  const repaused = await within(restarted, RESTART_TIMEOUT_MS);
  if (!repaused) debuggee.giveBackNextPause();
  return { ...result, repaused };
}
