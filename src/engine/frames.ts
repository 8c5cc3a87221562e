// Turns V8's call frames into the frames pdb shows: user frames only, original positions, pdb's
// names, and the awaiting callers V8 knows about (zero-cost async stack traces) as `[async]`.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from '../target/agent-client.js';
import type { Frame } from '../target/target.js';
import type { ScriptTable } from './scripts.js';
import { isAsyncFunctionAt, isEntryBodyAt } from '../agent/function-head.js';
import { AWAITING_CALLERS, type AwaitingCaller } from '../agent/awaiting-callers.js';
import type { SnapshotFrame } from '../protocol/messages.js';
import type { CodeRange } from './renamed-names.js';
import { isTopLevelAt } from './top-level.js';

export interface LiveFrame extends Frame {
  callFrameId?: string;
  scriptId?: string;
  scopeChain?: Protocol.Debugger.Scope[];
  functionLocation?: Protocol.Debugger.Location;
  /** Where the frame is in its generated script (V8's position). */
  location?: Protocol.Debugger.Location;
  /** V8's value to return, when the frame is paused at its return position. */
  returnValue?: Protocol.Runtime.RemoteObject;
  /** The frame's `this`. */
  this?: Protocol.Runtime.RemoteObject;
  /** The frame's variables as they were at the throw, for a frame kept after unwinding. */
  snapshot?: SnapshotFrame['variables'];
  /** Where the code of each scope of the chain (live or kept) is, when V8 says. */
  scopeRanges?: (CodeRange | undefined)[];
}

/** What frames are built from: V8's live call frames, or frames kept in a snapshot. */
type CallFrameLike = Pick<Protocol.Debugger.CallFrame, 'functionName' | 'location' | 'functionLocation' | 'returnValue'> & {
  callFrameId?: string;
  this?: Protocol.Runtime.RemoteObject;
  scopeChain: (Pick<Protocol.Debugger.Scope, 'type' | 'startLocation' | 'endLocation'> & { object?: Protocol.Runtime.RemoteObject })[];
};

export async function buildFrames(
  client: Channel,
  scripts: ScriptTable,
  callFrames: CallFrameLike[],
  snapshot?: SnapshotFrame[],
): Promise<LiveFrame[]> {
  await scripts.load(callFrames.map((f) => f.location.scriptId));
  const frames: LiveFrame[] = [];
  for (const [index, cf] of callFrames.entries()) {
    if (!(await scripts.isUserFrame(cf))) continue;
    const pos = scripts.position(cf.location.scriptId, cf.location.lineNumber, cf.location.columnNumber ?? 0);
    frames.push({
      name: await frameName(cf, scripts),
      file: pos.file,
      line: pos.line,
      column: pos.column,
      async: snapshot?.[index]?.async ?? false,
      callFrameId: cf.callFrameId,
      scriptId: cf.location.scriptId,
      scopeChain: cf.callFrameId ? (cf.scopeChain as Protocol.Debugger.Scope[]) : undefined,
      functionLocation: cf.functionLocation,
      location: cf.location,
      returnValue: cf.returnValue,
      this: cf.callFrameId ? cf.this : undefined,
      snapshot: snapshot?.[index]?.variables,
      scopeRanges: cf.scopeChain.map((scope) => scripts.codeRange(scope)),
      hasSnapshot: snapshot !== undefined && !snapshot[index]?.async,
    });
  }
  const top = callFrames[0];
  if (top?.callFrameId && (await mayHaveAsyncCallers(scripts, callFrames))) {
    frames.push(...(await asyncCallers(client, scripts, top.callFrameId)));
  }
  return frames;
}

/**
 * Awaiting callers exist only when the stack was started by an async function resuming from the
 * microtask queue: its outermost user frame is one. Stepping through synchronous code then
 * saves a round trip per stop.
 */
async function mayHaveAsyncCallers(scripts: ScriptTable, callFrames: CallFrameLike[]): Promise<boolean> {
  const user = callFrames.filter((f) => !scripts.isInternal(f.location.scriptId));
  const fl = user[user.length - 1]?.functionLocation;
  const source = fl && (await scripts.generatedSource(fl.scriptId));
  return !fl || !source || isAsyncFunctionAt(source, fl);
}

async function frameName(cf: CallFrameLike, scripts: ScriptTable): Promise<string> {
  if (cf.functionName) return cf.functionName;
  const fl = cf.functionLocation;
  // Top-level code: an ES module's scope; CommonJS's module wrapper, which starts the script; or
  // the function a compiler wrapped the module body in (tsx), which starts in unmapped preamble.
  if (cf.scopeChain[0]?.type === 'module' || (fl && fl.lineNumber === 0 && (fl.columnNumber ?? 0) === 0)) {
    return '<module>';
  }
  if (fl && scripts.isLoaderGlue(fl)) return '<module>';
  const source = fl && (await scripts.generatedSource(fl.scriptId));
  if (fl && source && isEntryBodyAt(source, fl)) return '<module>';
  return '<anonymous>';
}

async function asyncCallers(client: Channel, scripts: ScriptTable, callFrameId: string): Promise<LiveFrame[]> {
  let sites: AwaitingCaller[];
  try {
    const r = await client.call('Debugger.evaluateOnCallFrame', {
      callFrameId,
      expression: AWAITING_CALLERS,
      returnByValue: true,
      silent: true,
    });
    if (r.exceptionDetails || !Array.isArray(r.result.value)) return [];
    sites = r.result.value;
  } catch {
    return [];
  }
  const frames: LiveFrame[] = [];
  for (const [name, url, line, column] of sites) {
    if (!url || url.startsWith('node:')) continue;
    const scriptId = await scripts.findByFile(url);
    const pos = scriptId ? scripts.position(scriptId, line - 1, column - 1) : { file: url, line, column };
    if (scriptId && scripts.isInternal(scriptId)) continue;
    const source = !name && scriptId ? await scripts.generatedSource(scriptId) : undefined;
    const moduleBody = source !== undefined && isTopLevelAt(source, line - 1, column - 1);
    frames.push({ name: name || (moduleBody ? '<module>' : '<anonymous>'), file: pos.file, line: pos.line, column: pos.column, async: true, scriptId });
  }
  return frames;
}
