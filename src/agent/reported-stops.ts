// Which threads stand stopped where pmdb reported them (a prompt, a dump being written), since
// when: the call that lets such a thread run again first puts its timers back by the time it
// stood (hold-timers.ts), so the program does not see the pause.
import { performance } from 'node:perf_hooks';
import type { Protocol } from 'devtools-protocol';
import type { Debuggee } from './debuggee.js';
import { holdTimers } from './hold-timers.js';

/** The calls that let a paused thread run, if only for one step (a step may wait on the loop). */
const RESUMES = new Set(['Debugger.resume', 'Debugger.stepInto', 'Debugger.stepOver', 'Debugger.stepOut', 'Debugger.continueToLocation']);

/**
 * Shorter stops are pmdb's own, over before a person could have read them (a step settling into
 * user code, a breakpoint bound as its file loads): timers fire within a few ms of their time
 * anyway (a GC or a busy tick delays them as much), and a hold costs ~0.3 ms (docs/benchmarks.md).
 */
const HOLD_FROM_MS = 20;

export class ReportedStops {
  private readonly stops = new WeakMap<Debuggee, { since: number; paused: Protocol.Debugger.PausedEvent }>();

  reported(debuggee: Debuggee, paused: Protocol.Debugger.PausedEvent): void {
    this.stops.set(debuggee, { since: performance.now(), paused });
  }

  /** Before `method` reaches the thread. */
  async resuming(debuggee: Debuggee, method: string): Promise<void> {
    const stop = this.stops.get(debuggee);
    if (!stop || !RESUMES.has(method)) return;
    this.stops.delete(debuggee);
    const pausedMs = performance.now() - stop.since;
    if (pausedMs < HOLD_FROM_MS) return;
    const nodeFrames = stop.paused.callFrames.filter((frame) => debuggee.scripts.isInternal(frame.location.scriptId));
    await holdTimers(debuggee.post, pausedMs, nodeFrames).catch(() => {});
  }
}
