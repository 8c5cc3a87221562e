// Snapshots of a thread's frames, taken at a pause where an error is on its way out: a promise
// rejected with no handler yet (one may still be attached in the same tick), an error that a
// process-level handler will take, or one pmdb stops on live. The program goes on; when Node
// later reports the error as fatal, or the program asks for pm()/postMortem(err), the stop shows
// this snapshot, so that every frame's variables still answer, as they were at the throw.
import type { Protocol } from 'devtools-protocol';
import type { Post, ThreadScripts } from './debuggee.js';
import type { SnapshotFrame } from '../protocol/messages.js';
import { readScopes } from './snapshot-scopes.js';
import { AWAITING_CALLERS, type AwaitingCaller } from './awaiting-callers.js';
import { scriptNames } from '../util/file-url.cjs';

export interface Snapshot {
  group: string;
  exception: Protocol.Runtime.RemoteObject;
  frames: SnapshotFrame[];
  /** The front end already stopped on this error, live: a later report of it needs no stop. */
  stopped: boolean;
  /**
   * The frames are the callers still on the stack when Node's vm layer rethrew the error, by
   * position only: the throwing frames were gone (vm-rethrow.cts).
   */
  callersOnly?: boolean;
}

/** Recent snapshots only: a program may reject-then-handle thousands of promises. */
const KEEP = 16;
/** Frames whose variables are kept; older ones are kept by position only. */
const MAX_FRAMES = 50;

export class Snapshots {
  private readonly ring: Snapshot[] = [];
  private serial = 0;

  constructor(
    private readonly post: Post,
    private readonly scripts: ThreadScripts,
  ) {}

  /**
   * `stopped`: pmdb stops on this error live. Its frames are then kept only when `framesToo`
   * (a program that lives on, the armed REPL, may ask for them after the stop): reading every
   * variable of every frame moves every value, strings whole, out of the program, and a crash
   * holding 100 MB of locals would wait a second for it before its stop or dump.
   */
  async capture(paused: Protocol.Debugger.PausedEvent, stopped: boolean, framesToo = true): Promise<void> {
    const group = `pmdb-snapshot-${++this.serial}`;
    const data = paused.data as Protocol.Runtime.RemoteObject | undefined;
    if (!data) return;
    const exception = data.objectId ? await this.keep(data.objectId, group) : data;
    const user = framesToo ? this.userFrames(paused) : [];
    const chains = user.map((cf, i) => (i < MAX_FRAMES ? cf.scopeChain.filter((scope) => scope.type !== 'global' && scope.object.objectId) : []));
    const variables = await readScopes(this.post, chains);
    const frames: SnapshotFrame[] = user.map((cf, i) => {
      // Where each scope's code is, to find the names the source gives its variables.
      const kept = chains[i]!.map(({ type, startLocation, endLocation }) => ({ type, startLocation, endLocation }));
      return { callFrame: { ...withoutLiveParts(cf), scopeChain: kept }, variables: variables[i]! };
    });
    await this.rehome(frames, exception, group);
    if (framesToo) frames.push(...(await this.awaitingCallers(paused.callFrames[0])));
    await this.remember({ group, exception, frames, stopped });
  }

  /**
   * The callers awaiting the paused async function, by position (zero-cost async stack traces):
   * once its promise rejects they are gone, and a live stop finds them only while paused.
   */
  private async awaitingCallers(top: Protocol.Debugger.CallFrame | undefined): Promise<SnapshotFrame[]> {
    if (!top) return [];
    const r = await this.post<Protocol.Debugger.EvaluateOnCallFrameResponse>('Debugger.evaluateOnCallFrame', {
      callFrameId: top.callFrameId,
      expression: AWAITING_CALLERS,
      returnByValue: true,
      silent: true,
    }).catch(() => undefined);
    const sites = r && !r.exceptionDetails && Array.isArray(r.result.value) ? (r.result.value as AwaitingCaller[]) : [];
    return sites.flatMap(([functionName, url, line, column]) => {
      const scriptId = scriptNames(url).map((name) => this.scripts.byUrl.get(name)).find(Boolean);
      if (!scriptId || url.startsWith('node:')) return [];
      const location = { scriptId, lineNumber: line - 1, columnNumber: column - 1 };
      return [{ callFrame: { functionName, location, url, this: { type: 'undefined' as const }, scopeChain: [] }, variables: [], async: true }];
    });
  }

  /**
   * At a vm rethrow (vm-rethrow.cts), the callers still on the stack, by position: the error's
   * stack text names at most Error.stackTraceLimit frames, from the throw on.
   */
  async keepCallers(paused: Protocol.Debugger.PausedEvent): Promise<void> {
    const group = `pmdb-snapshot-${++this.serial}`;
    const data = paused.data as Protocol.Runtime.RemoteObject | undefined;
    if (!data?.objectId) return;
    const exception = await this.keep(data.objectId, group);
    const frames = this.userFrames(paused).map((cf) => ({ callFrame: { ...withoutLiveParts(cf), scopeChain: [] }, variables: [] }));
    await this.remember({ group, exception, frames, stopped: false, callersOnly: true });
  }

  private userFrames(paused: Protocol.Debugger.PausedEvent): Protocol.Debugger.CallFrame[] {
    return paused.callFrames.filter((cf) => !(this.scripts.get(cf.location.scriptId)?.url ?? 'node:').startsWith('node:'));
  }

  private async remember(snapshot: Snapshot): Promise<void> {
    this.ring.push(snapshot);
    if (this.ring.length > KEEP) {
      const old = this.ring.shift()!;
      await this.post('Runtime.releaseObjectGroup', { objectGroup: old.group }).catch(() => {});
    }
  }

  /** The snapshot taken when `error` was thrown, if any. */
  async find(error: Protocol.Runtime.RemoteObject): Promise<Snapshot | undefined> {
    if (!error.objectId) {
      const same = (kept: Protocol.Runtime.RemoteObject) => !kept.objectId && kept.value === error.value && kept.type === error.type;
      return [...this.ring].reverse().find((s) => same(s.exception));
    }
    // One call for the whole ring: which kept exception is this very object.
    const objects = this.ring.filter((s) => s.exception.objectId);
    if (objects.length === 0) return undefined;
    const r = await this.post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
      objectId: error.objectId,
      functionDeclaration: 'function (...kept) { return kept.lastIndexOf(this); }',
      arguments: objects.map((s) => ({ objectId: s.exception.objectId })),
      returnByValue: true,
      silent: true,
    });
    return objects[r.result.value as number];
  }

  /**
   * Runtime.getProperties has no object group: its values belong to the pause's `backtrace`
   * group, released at resume. Pass them all through one function call whose result array lives
   * in `group`, and take the elements from there.
   */
  private async rehome(frames: SnapshotFrame[], anchor: Protocol.Runtime.RemoteObject, group: string): Promise<void> {
    const held = frames.flatMap((f) => f.variables.filter((v) => v.value.objectId));
    // A scope several frames share gave them the same objects: each is moved once.
    const ids = [...new Set(held.map((v) => v.value.objectId!))];
    if (ids.length === 0) return;
    const r = await this.post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
      // Any object will do as `this`; what was thrown may be a primitive (`reject(42)`).
      objectId: anchor.objectId ?? ids[0],
      functionDeclaration: 'function (...values) { return values; }',
      arguments: ids.map((objectId) => ({ objectId })),
      objectGroup: group,
      silent: true,
    });
    const { result } = await this.post<{ result: Protocol.Runtime.PropertyDescriptor[] }>('Runtime.getProperties', {
      objectId: r.result.objectId,
      ownProperties: true,
    });
    const moved = new Map<string, Protocol.Runtime.RemoteObject>();
    for (const p of result) {
      const index = Number(p.name);
      if (Number.isInteger(index) && p.value && ids[index]) moved.set(ids[index]!, p.value);
    }
    for (const v of held) v.value = moved.get(v.value.objectId!) ?? v.value;
  }

  private async keep(objectId: string, group: string): Promise<Protocol.Runtime.RemoteObject> {
    const r = await this.post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: 'function () { return this; }',
      objectGroup: group,
      silent: true,
    });
    return r.result;
  }
}

/** A call frame as it can be kept: its id, scopes and `this` end with the pause. */
function withoutLiveParts(cf: Protocol.Debugger.CallFrame): Omit<SnapshotFrame['callFrame'], 'scopeChain'> {
  const { callFrameId, scopeChain, ...rest } = cf;
  void callFrameId;
  void scopeChain;
  return rest;
}
