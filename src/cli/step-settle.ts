// Keeps a step inside the user's code. V8 (Node 20) does not skip blackboxed callers when a step
// returns out of the last user frame (measured: `next` at a module's last line stops in Node's
// module loader), so a step that lands outside user code goes on, as pdb's would.
import type { Protocol } from 'devtools-protocol';
import type { ScriptTable } from '../engine/scripts.js';

/** After this many steps through library code, stop stepping in and step out instead. */
const MAX_STEPS_IN = 200;

export async function nextStepOutsideUserCode(
  scripts: ScriptTable,
  paused: Protocol.Debugger.PausedEvent,
  kind: 'step' | 'next',
  stepsSoFar: number,
): Promise<'Debugger.stepInto' | 'Debugger.stepOut' | 'Debugger.resume' | undefined> {
  const frames = paused.callFrames;
  await scripts.load(frames.map((f) => f.location.scriptId));
  const isUser = (f: Protocol.Debugger.CallFrame) => !scripts.isInternal(f.location.scriptId) && !scripts.isLoaderGlue(f.location);
  if (frames[0] && isUser(frames[0])) return undefined;
  // Back in the runtime with no user code on the stack: the user's code has finished its turn.
  if (!frames.some(isUser)) return 'Debugger.resume';
  // `step` may be on its way through a library into a user callback (an event listener).
  return kind === 'step' && stepsSoFar < MAX_STEPS_IN ? 'Debugger.stepInto' : 'Debugger.stepOut';
}
