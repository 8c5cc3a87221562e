// Worker threads that died of an error their parent took (an 'error' listener). By the time the
// parent's handling ends the process (a listener that rejects a promise nobody catches), the
// worker and its values are gone: so its frames are captured into a dump at the throw, while it
// is paused there, and found again by the error's stack text, which Node copies into the error
// it re-creates on the parent's side. A worker dies once: this costs one capture per worker.
import type { Protocol } from 'devtools-protocol';
import type { Channel } from '../target/agent-client.js';
import type { Stop } from '../target/live-target.js';
import type { Dump } from '../dump/format.js';
import type { CaptureLimits } from '../dump/limits.cjs';
import type { WorkerCrash } from '../protocol/messages.js';
import type { Post } from './debuggee.js';
import { DEBUGGEE_FUNCTIONS } from '../target/debuggee-functions.js';
import { programUtil } from '../target/program-util.js';
import { toCallArgument } from '../util/call-argument.cjs';

/** Each dump is bounded (dump/limits.cts); a few workers dying at once is the most to expect. */
const KEEP = 4;

export class WorkerCrashes {
  private readonly kept: { stack: string; crash: WorkerCrash }[] = [];

  keep(stack: string, crash: WorkerCrash): void {
    if (!stack) return;
    this.kept.push({ stack, crash });
    if (this.kept.length > KEEP) this.kept.shift();
  }

  /** The worker crash whose error has this stack text, the latest if several. */
  find(stack: string): WorkerCrash | undefined {
    return stack ? [...this.kept].reverse().find((k) => k.stack === stack)?.crash : undefined;
  }
}

/** An error's stack text ('' for a thrown value that has none). */
export async function stackOf(post: Post, error: Protocol.Runtime.RemoteObject | undefined): Promise<string> {
  if (!error?.objectId) return '';
  const r = await post<{ result: Protocol.Runtime.RemoteObject }>('Runtime.callFunctionOn', {
    objectId: error.objectId,
    functionDeclaration: DEBUGGEE_FUNCTIONS.stackText,
    arguments: [toCallArgument(await programUtil({ call: post }))],
    returnByValue: true,
    silent: true,
  });
  return typeof r.result.value === 'string' ? r.result.value : '';
}

/** A stopped thread captured into a dump, as `pmdb open` reads it. */
export async function dumpThread(channel: Channel, stop: Stop, limits: CaptureLimits): Promise<Dump> {
  // Loaded at the first dump only: an armed process that never crashes pays nothing for them.
  const [{ ScriptTable }, { LiveTarget }] = await Promise.all([import('../engine/scripts.js'), import('../target/live-target.js')]);
  // A failing test's dump (`pmdb test`) keeps the user's frames, as its prompt shows them.
  const target = await LiveTarget.create(channel, new ScriptTable(channel, true, stop.kind === 'escaped'), stop);
  return target.capture(limits);
}
