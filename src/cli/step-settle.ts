// Keeps a step inside the user's code. V8 (Node 20) does not skip blackboxed callers when a step
// returns out of the last user frame (measured: `next` at a module's last line stops in Node's
// module loader), so a step that lands outside user code goes on, as pdb's would.
import type { Protocol } from 'devtools-protocol';
import type { ScriptTable } from '../engine/scripts.js';

/** After this many steps through library code, stop stepping in and step out instead. */
const MAX_STEPS_IN = 200;

/** Where a step started: the original line, in a stack this deep. */
export interface StepOrigin {
  file: string;
  line: number;
  depth: number;
}

export async function stepOrigin(scripts: ScriptTable, paused: Protocol.Debugger.PausedEvent): Promise<StepOrigin | undefined> {
  const top = paused.callFrames[0];
  if (!top) return undefined;
  await scripts.load([top.location.scriptId]);
  const pos = scripts.position(top.location.scriptId, top.location.lineNumber, top.location.columnNumber ?? 0);
  return { file: pos.file, line: pos.line, depth: paused.callFrames.length };
}

/**
 * What V8 must do next for a pdb step to be complete, or undefined when this stop is where it
 * ends. Compiled code (TypeScript) has several generated statements per source line: a step
 * that is still on the line it started from, at the same depth, goes on.
 */
export async function nextStepOutsideUserCode(
  scripts: ScriptTable,
  paused: Protocol.Debugger.PausedEvent,
  kind: 'step' | 'next',
  stepsSoFar: number,
  origin: StepOrigin | undefined,
): Promise<'Debugger.stepInto' | 'Debugger.stepOver' | 'Debugger.stepOut' | 'Debugger.resume' | undefined> {
  const frames = paused.callFrames;
  await scripts.load(frames.map((f) => f.location.scriptId));
  const top = frames[0];
  // The top frame decides in the usual case; the rest of the stack only when it is skipped.
  if (top && !(await scripts.skippedByStepping(top))) {
    const here = scripts.position(top.location.scriptId, top.location.lineNumber, top.location.columnNumber ?? 0);
    const sameLine = origin && here.file === origin.file && here.line === origin.line && frames.length === origin.depth;
    if (!sameLine || stepsSoFar >= MAX_STEPS_IN) return undefined;
    return kind === 'step' ? 'Debugger.stepInto' : 'Debugger.stepOver';
  }
  // Back in the runtime with no user code on the stack: the user's code has finished its turn.
  const user = await Promise.all(frames.slice(1).map(async (f) => !(await scripts.skippedByStepping(f))));
  if (!user.includes(true)) return 'Debugger.resume';
  // `step` may be on its way through a library into a user callback (an event listener).
  return kind === 'step' && stepsSoFar < MAX_STEPS_IN ? 'Debugger.stepInto' : 'Debugger.stepOut';
}
